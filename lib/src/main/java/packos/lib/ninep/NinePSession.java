package packos.lib.ninep;

import static packos.lib.ninep.NineP.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.fs.DirectoryEntry;
import packos.lib.fs.FilePath;
import packos.lib.fs.FileStat;
import packos.lib.fs.FileSystem;
import packos.lib.fs.OpenFile;
import packos.lib.fs.OpenMode;

/**
 * One 9P2000.L connection's state on a server, without its socket: the negotiated msize and the
 * client's fids, each a path of the served {@link FileSystem} (and, once opened, its open file or
 * directory listing). {@link #answer} turns a request into its reply; every refusal is an Rlerror
 * with the Linux errno, and nothing a client sends makes it throw. Requests are answered in the
 * order they come, so a Tflush always finds its request answered.
 *
 * <p>Limits: at most {@link #MAX_FIDS} fids; msize at most {@link NineP#MAX_MSIZE}; paths as
 * {@link FilePath} allows (a walk past 1024 characters is ENAMETOOLONG, so a 10,000-deep walk ends
 * there); ".." never climbs above the attach point.
 */
public final class NinePSession {
    public static final int MAX_FIDS = 4096;

    private final FileSystem files;
    private final Map<Long, Fid> fids = new HashMap<>();
    private long msize;
    private boolean versioned;

    /** A client's handle: a path, and once opened a file or a directory's entries. */
    private static final class Fid {
        final String root;
        String path;
        OpenFile file;
        List<DirectoryEntry> listing;
        boolean opened;

        Fid(String root, String path) {
            this.root = root;
            this.path = path;
        }
    }

    public NinePSession(FileSystem files) { this.files = files; }

    /** The msize agreed, 0 before Tversion. */
    public long msize() { return msize; }

    /** Fids the client holds. */
    public int fidCount() { return fids.size(); }

    /** The reply to a checked request. */
    public byte[] answer(TMessage m) {
        try {
            return perform(m);
        } catch (KernelException e) {
            return error(m.tag(), errno(e.code()));
        } catch (RuntimeException e) {
            // A bug, not the client's doing: this request fails, the connection and the server go on.
            return error(m.tag(), EIO);
        }
    }

    /** The reply to bytes that framed a message but did not check: EPROTO with its tag, if it had one. */
    public static byte[] malformed(byte[] b, int offset, int length) {
        int tag = length >= HEADER ? (b[offset + 5] & 0xff) | (b[offset + 6] & 0xff) << 8 : NOTAG;
        return error(tag, EPROTO);
    }

    /** Closes every open file: the connection is gone. */
    public void close() {
        for (var f : fids.values()) if (f.file != null) f.file.close();
        fids.clear();
    }

    private byte[] perform(TMessage m) {
        if (!versioned && !(m instanceof TMessage.Version)) return error(m.tag(), EPROTO);
        return switch (m) {
            case TMessage.Version v -> version(v);
            case TMessage.Attach a -> attach(a);
            case TMessage.Walk w -> walk(w);
            case TMessage.Lopen o -> lopen(o);
            case TMessage.Lcreate c -> lcreate(c);
            case TMessage.Read r -> read(r);
            case TMessage.Write w -> write(w);
            case TMessage.Clunk c -> {
                var f = fid(c.fid());
                fids.remove(c.fid());
                if (f.file != null) f.file.close();
                yield done(RCLUNK, c.tag());
            }
            case TMessage.Remove r -> {
                var f = fid(r.fid());
                fids.remove(r.fid());
                if (f.file != null) f.file.close();
                files.delete(f.path);
                yield done(RREMOVE, r.tag());
            }
            case TMessage.Flush f -> done(RFLUSH, f.tag());
            case TMessage.Getattr g -> getattr(g);
            case TMessage.Setattr s -> {
                var f = fid(s.fid());
                if ((s.valid() & SETATTR_SIZE) != 0) {
                    if (f.file != null && f.file.mode().write()) f.file.truncate(s.size());
                    else files.truncate(f.path, s.size());
                }
                yield done(RSETATTR, s.tag());
            }
            case TMessage.Readdir r -> readdir(r);
            case TMessage.Mkdir d -> {
                var path = child(fid(d.dirFid()), d.name());
                files.mkdir(path);
                yield new NinePOutput(RMKDIR, d.tag(), 32).qid(qid(path, files.stat(path))).finish();
            }
            case TMessage.Unlinkat u -> {
                var path = child(fid(u.dirFid()), u.name());
                if ((u.flags() & AT_REMOVEDIR) != 0 && !files.stat(path).isDirectory()) throw new KernelException(ErrorCode.IS_NOT_DIRECTORY, path);
                if ((u.flags() & AT_REMOVEDIR) == 0 && files.stat(path).isDirectory()) throw new KernelException(ErrorCode.IS_DIRECTORY, path);
                files.delete(path);
                yield done(RUNLINKAT, u.tag());
            }
            case TMessage.Renameat r -> {
                files.rename(child(fid(r.oldDirFid()), r.oldName()), child(fid(r.newDirFid()), r.newName()));
                yield done(RRENAMEAT, r.tag());
            }
            case TMessage.Rename r -> {
                var f = fid(r.fid());
                var to = child(fid(r.dirFid()), r.name());
                files.rename(f.path, to);
                f.path = to;
                yield done(RRENAME, r.tag());
            }
            case TMessage.Statfs s -> {
                fid(s.fid());
                yield new NinePOutput(RSTATFS, s.tag(), 80).u32(0x01021997).u32(4096).u64(1L << 24).u64(1L << 23).u64(1L << 23)
                        .u64(1L << 20).u64(1L << 19).u64(0).u32(FilePath.MAX_NAME_LENGTH).finish();
            }
            case TMessage.Fsync s -> {
                var f = fid(s.fid());
                if (f.file != null) f.file.sync();
                else files.sync();
                yield done(RFSYNC, s.tag());
            }
            case TMessage.XattrWalk x -> error(x.tag(), EOPNOTSUPP);
            // Tauth: ENOENT is how 9P2000.L servers (diod among them) say no authentication is needed.
            case TMessage.Unsupported u -> error(u.tag(), u.type() == TAUTH ? ENOENT : EOPNOTSUPP);
        };
    }

    private byte[] version(TMessage.Version v) {
        // A new Tversion starts the session afresh: every fid is forgotten.
        close();
        msize = Math.min(v.msize(), MAX_MSIZE);
        if (msize < MIN_MSIZE || !v.version().startsWith(VERSION)) {
            versioned = false;
            return new NinePOutput(RVERSION, v.tag(), 32).u32(Math.max(msize, MIN_MSIZE)).string("unknown").finish();
        }
        versioned = true;
        return new NinePOutput(RVERSION, v.tag(), 32).u32(msize).string(VERSION).finish();
    }

    private byte[] attach(TMessage.Attach a) {
        if (a.afid() != NOFID) return error(a.tag(), EOPNOTSUPP);  // no authentication is offered
        if (fids.containsKey(a.fid())) return error(a.tag(), EBADF);
        checkRoom();
        var root = FilePath.parse(a.aname().isEmpty() ? "/" : a.aname()).toString();
        var stat = files.stat(root);
        if (!stat.isDirectory()) throw new KernelException(ErrorCode.IS_NOT_DIRECTORY, root);
        fids.put(a.fid(), new Fid(root, root));
        return new NinePOutput(RATTACH, a.tag(), 32).qid(qid(root, stat)).finish();
    }

    private byte[] walk(TMessage.Walk w) {
        var f = fid(w.fid());
        if (w.newFid() != w.fid() && fids.containsKey(w.newFid())) return error(w.tag(), EBADF);
        if (w.newFid() != w.fid()) checkRoom();
        var out = new NinePOutput(RWALK, w.tag(), 9 + 13 * w.names().size());
        out.u16(w.names().size());
        String path = f.path;
        int walked = 0;
        for (var name : w.names()) {
            String next;
            if (name.equals("..")) {
                next = path.equals(f.root) ? path : parent(path);
            } else {
                checkName(name);
                next = (path.equals("/") ? "/" : path + "/") + name;
                if (next.length() > FilePath.MAX_LENGTH) {
                    if (walked == 0) throw new KernelException(ErrorCode.NAME_TOO_LONG, "a path of more than " + FilePath.MAX_LENGTH + " characters");
                    break;
                }
            }
            FileStat stat;
            try {
                if (!files.stat(path).isDirectory()) throw new KernelException(ErrorCode.IS_NOT_DIRECTORY, path);
                stat = files.stat(next);
            } catch (KernelException e) {
                if (walked == 0) throw e;
                break;  // a partial walk: the qids so far, and newfid is not made
            }
            out.qid(qid(next, stat));
            path = next;
            walked++;
        }
        var body = out.finish();
        if (walked < w.names().size()) {
            body[7] = (byte) walked;
            body[8] = (byte) (walked >>> 8);
            var trimmed = java.util.Arrays.copyOf(body, 9 + 13 * walked);
            trimmed[0] = (byte) trimmed.length;
            trimmed[1] = (byte) (trimmed.length >>> 8);
            trimmed[2] = 0;
            trimmed[3] = 0;
            return trimmed;
        }
        if (w.newFid() == w.fid()) {
            if (f.opened) return error(w.tag(), EBADF);
            f.path = path;
        } else {
            fids.put(w.newFid(), new Fid(f.root, path));
        }
        return body;
    }

    private byte[] lopen(TMessage.Lopen o) {
        var f = fid(o.fid());
        if (f.opened) return error(o.tag(), EBADF);
        var stat = files.stat(f.path);
        if (stat.isDirectory()) {
            if ((o.flags() & O_ACCMODE) != O_RDONLY) throw new KernelException(ErrorCode.IS_DIRECTORY, f.path);
            f.listing = files.list(f.path);
        } else {
            f.file = files.open(f.path, mode(o.flags(), false));
        }
        f.opened = true;
        return new NinePOutput(RLOPEN, o.tag(), 32).qid(qid(f.path, stat)).u32(msize - IO_HEADER).finish();
    }

    private byte[] lcreate(TMessage.Lcreate c) {
        var f = fid(c.fid());
        if (f.opened) return error(c.tag(), EBADF);
        var path = child(f, c.name());
        var file = files.open(path, mode(c.flags(), true));
        f.path = path;
        f.file = file;
        f.opened = true;
        return new NinePOutput(RLCREATE, c.tag(), 32).qid(qid(path, files.stat(path))).u32(msize - IO_HEADER).finish();
    }

    private byte[] read(TMessage.Read r) {
        var f = fid(r.fid());
        if (f.file == null) return error(r.tag(), f.listing != null ? EISDIR : EBADF);
        int count = (int) Math.min(r.count(), msize - IO_HEADER);
        var out = new byte[HEADER + 4 + count];
        int n = count == 0 ? 0 : f.file.readAt(r.offset(), out, HEADER + 4, count);
        if (n < 0) n = 0;
        var reply = new NinePOutput(RREAD, r.tag(), HEADER + 4 + n).u32(n);
        reply.bytes(out, HEADER + 4, n);
        return reply.finish();
    }

    private byte[] write(TMessage.Write w) {
        var f = fid(w.fid());
        if (f.file == null) return error(w.tag(), f.listing != null ? EISDIR : EBADF);
        if (f.file.mode().append()) f.file.write(w.bytes(), w.dataOffset(), w.count());
        else f.file.writeAt(w.offset(), w.bytes(), w.dataOffset(), w.count());
        return new NinePOutput(RWRITE, w.tag(), 16).u32(w.count()).finish();
    }

    private byte[] getattr(TMessage.Getattr g) {
        var f = fid(g.fid());
        var stat = files.stat(f.path);
        long size = stat.isDirectory() ? 0 : stat.size();
        return new NinePOutput(RGETATTR, g.tag(), 160).u64(GETATTR_BASIC).qid(qid(f.path, stat))
                .u32(stat.isDirectory() ? S_IFDIR | 0755 : S_IFREG | 0644).u32(0).u32(0).u64(stat.isDirectory() ? 2 : 1).u64(0)
                .u64(size).u64(4096).u64((size + 511) / 512)
                .u64(stat.modified()).u64(0).u64(stat.modified()).u64(0).u64(stat.modified()).u64(0).u64(0).u64(0).u64(0).u64(0).finish();
    }

    private byte[] readdir(TMessage.Readdir r) {
        var f = fid(r.fid());
        if (f.listing == null) return error(r.tag(), f.file != null ? ENOTDIR : EBADF);
        long limit = Math.min(r.count(), msize - IO_HEADER);
        var out = new NinePOutput(RREADDIR, r.tag(), (int) Math.min(limit + 16, 65536));
        out.u32(0);
        int used = 0;
        for (long i = r.offset(); i < f.listing.size(); i++) {
            var e = f.listing.get((int) i);
            int entry = Qid.LENGTH + 8 + 1 + 2 + e.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (used + entry > limit) break;
            var path = (f.path.equals("/") ? "/" : f.path + "/") + e.name();
            out.qid(new Qid(e.isDirectory() ? QTDIR : QTFILE, 0, pathId(path))).u64(i + 1).u8(e.isDirectory() ? 4 : 8).string(e.name());
            used += entry;
        }
        var body = out.finish();
        body[7] = (byte) used;
        body[8] = (byte) (used >>> 8);
        body[9] = (byte) (used >>> 16);
        body[10] = (byte) (used >>> 24);
        return body;
    }

    private static OpenMode mode(long flags, boolean create) {
        int access = (int) (flags & O_ACCMODE);
        boolean read = access == O_RDONLY || access == O_RDWR;
        boolean write = access == O_WRONLY || access == O_RDWR;
        boolean creating = create || (flags & O_CREAT) != 0;
        return new OpenMode(read, write, write && (flags & O_APPEND) != 0, creating && write, write && (flags & O_TRUNC) != 0,
                creating && write && (flags & O_EXCL) != 0);
    }

    private Fid fid(long id) {
        var f = fids.get(id);
        if (f == null) throw new KernelException(ErrorCode.RESOURCE_NOT_IN_USE, "no fid " + id);
        return f;
    }

    private void checkRoom() {
        if (fids.size() >= MAX_FIDS) throw new KernelException(ErrorCode.TOO_MANY_OPEN_FILES, "at most " + MAX_FIDS + " fids");
    }

    private static void checkName(String name) {
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > FilePath.MAX_NAME_LENGTH) {
            throw new KernelException(ErrorCode.NAME_TOO_LONG, "a name of more than " + FilePath.MAX_NAME_LENGTH + " bytes");
        }
        var why = FilePath.whyNotAName(name);
        if (why != null || name.contains("/")) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "not a name: " + (why != null ? why : "it contains '/'"));
    }

    private static String child(Fid dir, String name) {
        checkName(name);
        var path = (dir.path.equals("/") ? "/" : dir.path + "/") + name;
        if (path.length() > FilePath.MAX_LENGTH) throw new KernelException(ErrorCode.NAME_TOO_LONG, "a path of more than " + FilePath.MAX_LENGTH + " characters");
        return path;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static Qid qid(String path, FileStat stat) {
        return new Qid(stat.isDirectory() ? QTDIR : QTFILE, 0, pathId(path));
    }

    /** A path's qid path: FNV-1a of its canonical form, the same after a server restarts, so a client's fids stay valid. */
    static long pathId(String path) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < path.length(); i++) {
            h ^= path.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static byte[] done(int type, int tag) { return new NinePOutput(type, tag, HEADER).finish(); }

    static byte[] error(int tag, int errno) { return new NinePOutput(RLERROR, tag, 16).u32(errno).finish(); }
}
