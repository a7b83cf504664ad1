package packos.lib.ninep;

import static packos.lib.ninep.NineP.*;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.fs.DirectoryEntry;
import packos.lib.fs.FilePath;
import packos.lib.fs.FileStat;
import packos.lib.fs.FileSystem;
import packos.lib.fs.OpenFile;
import packos.lib.fs.OpenMode;
import packos.lib.fs.PositionedFile;
import packos.lib.net.TcpSocket;
import packos.lib.wire.MalformedPacketException;

/**
 * A 9P2000.L client behind the file API: the PackOS file server over the KAN, or a server on Linux
 * (diod) through the user network. One TCP connection, one request in flight at a time. Each path
 * operation walks a fresh fid from the attach fid, does its work and clunks it; an open file keeps
 * its fid. Appends are written at the length the server reports, so every Twrite carries an
 * explicit offset and a repeated one does no harm.
 *
 * <p>When the connection fails (the server restarted, a reset), the client connects again, attaches
 * again, walks and opens every open file again by its path, and repeats the request that failed,
 * for up to {@link #RECONNECT_NANOS} of machine time; then the call fails with the network's error.
 */
public final class NinePClient implements FileSystem {
    public static final long DEFAULT_MSIZE = 65536 + IO_HEADER;
    public static final long RECONNECT_NANOS = 30_000_000_000L;
    private static final long ROOT = 0;

    private final Process self;
    private final Address server;
    private final int port;
    private final String aname;
    private final long askedMsize;
    private final LinkedHashSet<NinePFile> open = new LinkedHashSet<>();
    private TcpSocket socket;
    private long msize;
    private long nextFid = 1;
    private int nextTag;
    private byte[] in = new byte[8192];
    private long reconnects;

    public NinePClient(Process self, Address server, int port, String aname, long msize) {
        this.self = self;
        this.server = server;
        this.port = port;
        this.aname = aname;
        this.askedMsize = msize;
    }

    public NinePClient(Process self, Address server, int port, String aname) { this(self, server, port, aname, DEFAULT_MSIZE); }

    @Override
    public String describe() { return "9P server [" + server + "]:" + port + " aname " + aname; }

    /** Times the connection was made again after failing. */
    public long reconnects() { return reconnects; }

    /** The msize the server agreed to, 0 before the first call. */
    public long msize() { return msize; }

    // ---- the connection ----------------------------------------------------------------------

    private void connect() {
        var s = self.net().connect(server, port);
        s.setNoDelay(true);
        socket = s;
        var v = rpc(TRequests.version(NOTAG, askedMsize, VERSION), RMessage.Version.class);
        if (!v.version().equals(VERSION)) throw new KernelException(ErrorCode.WRONG_PROTOCOL_VERSION, () -> describe() + " speaks " + v.version());
        msize = Math.min(v.msize(), askedMsize);
        rpc(TRequests.attach(tag(), ROOT, NOFID, "packos", aname, 0), RMessage.Attach.class);
    }

    /** Sends a request and waits for its reply; an Rlerror is thrown as its PackOS error. */
    private <R extends RMessage> R rpc(byte[] request, Class<R> expected) {
        socket.write(request, 0, request.length);
        var reply = receive();
        if (reply instanceof RMessage.Error e) {
            var code = error(e.errno());
            throw new KernelException(code, () -> describe() + ": errno " + e.errno());
        }
        if (!expected.isInstance(reply)) throw new KernelException(ErrorCode.PROTOCOL_ERROR, () -> describe() + " answered " + reply + ", not " + expected.getSimpleName());
        return expected.cast(reply);
    }

    private RMessage receive() {
        if (socket.readFully(in, 0, 4) < 4) throw new KernelException(ErrorCode.CONNECTION_CLOSED, () -> describe() + " closed the connection");
        long size = (in[0] & 0xffL) | (in[1] & 0xffL) << 8 | (in[2] & 0xffL) << 16 | (in[3] & 0xffL) << 24;
        long limit = msize == 0 ? MAX_MSIZE : msize;
        if (size < HEADER || size > limit) throw new KernelException(ErrorCode.PROTOCOL_ERROR, () -> describe() + " sent a reply of " + size + " bytes");
        if (in.length < size) in = java.util.Arrays.copyOf(in, (int) size);
        if (socket.readFully(in, 4, (int) size - 4) < size - 4) throw new KernelException(ErrorCode.CONNECTION_CLOSED, () -> describe() + " closed the connection");
        try {
            return RMessage.check(in, 0, (int) size);
        } catch (MalformedPacketException e) {
            throw new KernelException(ErrorCode.PROTOCOL_ERROR, () -> describe() + ": " + e.getMessage());
        }
    }

    private int tag() {
        nextTag = (nextTag + 1) & 0x7fff;
        return nextTag;
    }

    private interface Call<T> {
        T run();
    }

    /** Runs {@code call} on a live connection, connecting (again) and retrying while the connection fails. */
    private <T> T call(Call<T> call) {
        long start = self.now();
        while (true) {
            try {
                if (socket == null) {
                    connect();
                    for (var f : open) f.reopen();
                }
                return call.run();
            } catch (KernelException e) {
                if (!connectionLost(e.code())) throw e;
                drop();
                if (self.now() - start >= RECONNECT_NANOS) throw e;
                reconnects++;
                self.net().poller().poll(100_000_000L);  // the server may be restarting
            }
        }
    }

    private static boolean connectionLost(ErrorCode code) {
        return switch (code) {
            case CONNECTION_CLOSED, CONNECTION_RESET_BY_PEER, CONNECTION_REFUSED, CONNECTION_TIMED_OUT, NOT_CONNECTED, NO_ROUTE_TO_HOST,
                 ADDRESS_UNREACHABLE -> true;
            default -> false;
        };
    }

    private void drop() {
        if (socket != null) socket.abort();
        socket = null;
    }

    /** Closes the connection; open files are forgotten. */
    public void close() {
        open.clear();
        drop();
    }

    // ---- paths ---------------------------------------------------------------------------------

    private long newFid() {
        long f = nextFid++;
        if (nextFid >= 0xfffffff0L) nextFid = 1;
        return f;
    }

    /** Walks a fresh fid to {@code names} (16 at a time), or throws the server's error. */
    private long walk(List<String> names) {
        long fid = newFid();
        rpc(TRequests.walk(tag(), ROOT, fid, names.subList(0, Math.min(names.size(), MAX_WALK))), RMessage.Walk.class);
        for (int i = MAX_WALK; i < names.size(); i += MAX_WALK) {
            try {
                rpc(TRequests.walk(tag(), fid, fid, names.subList(i, Math.min(names.size(), i + MAX_WALK))), RMessage.Walk.class);
            } catch (KernelException e) {
                clunk(fid);
                throw e;
            }
        }
        return fid;
    }

    private void clunk(long fid) {
        try {
            rpc(TRequests.clunk(tag(), fid), RMessage.Done.class);
        } catch (KernelException e) {
            if (connectionLost(e.code())) throw e;
        }
    }

    /** A walk that must find the whole path: a partial Rwalk is DOES_NOT_EXIST. */
    private long walkAll(FilePath p) {
        long fid = newFid();
        var names = p.names();
        int done = 0;
        long from = ROOT;
        do {
            var chunk = names.subList(done, Math.min(names.size(), done + MAX_WALK));
            RMessage.Walk w;
            try {
                w = rpc(TRequests.walk(tag(), from, fid, chunk), RMessage.Walk.class);
            } catch (KernelException e) {
                if (from != ROOT) clunk(fid);
                throw new KernelException(e.code(), () -> e.getMessage() + " (walking to " + p + ")");
            }
            if (w.qids().size() < chunk.size()) {
                if (from != ROOT) clunk(fid);
                var missing = "/" + String.join("/", names.subList(0, done + w.qids().size() + 1));
                throw new KernelException(ErrorCode.DOES_NOT_EXIST, () -> "no " + missing + " on " + describe());
            }
            from = fid;
            done += chunk.size();
        } while (done < names.size());
        return fid;
    }

    private <T> T withFid(FilePath p, java.util.function.LongFunction<T> use) {
        long fid = walkAll(p);
        try {
            return use.apply(fid);
        } finally {
            clunk(fid);
        }
    }

    private static FilePath parent(FilePath p) {
        var names = p.names();
        return FilePath.parse("/" + String.join("/", names.subList(0, Math.max(0, names.size() - 1))));
    }

    @Override
    public OpenFile open(String path, OpenMode mode) {
        var p = FilePath.parse(path);
        if (p.isRoot()) throw new KernelException(ErrorCode.IS_DIRECTORY, "'/' is a directory");
        return call(() -> {
            int flags = flags(mode);
            long fid;
            RMessage.Open opened;
            if (mode.create()) {
                fid = walkAll(parent(p));
                try {
                    opened = rpc(TRequests.lcreate(tag(), fid, p.lastName(), flags | O_CREAT | (mode.exclusive() ? O_EXCL : 0), 0644, 0), RMessage.Open.class);
                } catch (KernelException e) {
                    clunk(fid);
                    if (e.code() != ErrorCode.ALREADY_EXISTS || mode.exclusive()) throw e;
                    fid = walkAll(p);
                    opened = openFid(fid, flags);
                }
            } else {
                fid = walkAll(p);
                opened = openFid(fid, flags);
            }
            if (opened.qid().isDirectory()) {
                clunk(fid);
                throw new KernelException(ErrorCode.IS_DIRECTORY, () -> p + " is a directory");
            }
            long iounit = opened.iounit() == 0 ? msize - IO_HEADER : Math.min(opened.iounit(), msize - IO_HEADER);
            var file = new NinePFile(p.toString(), mode, fid, flags & ~(O_TRUNC | O_CREAT | O_EXCL), (int) iounit);
            open.add(file);
            return file;
        });
    }

    private RMessage.Open openFid(long fid, int flags) {
        try {
            return rpc(TRequests.lopen(tag(), fid, flags), RMessage.Open.class);
        } catch (KernelException e) {
            clunk(fid);
            throw e;
        }
    }

    private static int flags(OpenMode mode) {
        int access = mode.read() && mode.write() ? O_RDWR : mode.write() ? O_WRONLY : O_RDONLY;
        return access | (mode.truncate() ? O_TRUNC : 0);
    }

    @Override
    public FileStat stat(String path) {
        var p = FilePath.parse(path);
        return call(() -> withFid(p, fid -> {
            var a = rpc(TRequests.getattr(tag(), fid), RMessage.Getattr.class);
            boolean dir = (a.mode() & S_IFDIR) != 0 && (a.mode() & S_IFREG) == 0;
            return new FileStat(p.lastName(), dir, dir ? 0 : a.size(), a.mtime());
        }));
    }

    @Override
    public List<DirectoryEntry> list(String directory) {
        var p = FilePath.parse(directory);
        return call(() -> withFid(p, fid -> {
            var o = rpc(TRequests.lopen(tag(), fid, O_RDONLY), RMessage.Open.class);
            if (!o.qid().isDirectory()) throw new KernelException(ErrorCode.IS_NOT_DIRECTORY, () -> p + " is a file");
            var entries = new ArrayList<DirectoryEntry>();
            long offset = 0;
            while (true) {
                var r = rpc(TRequests.readdir(tag(), fid, offset, msize - IO_HEADER), RMessage.Readdir.class);
                if (r.entries().isEmpty()) break;
                for (var e : r.entries()) {
                    offset = e.offset();
                    if (e.name().equals(".") || e.name().equals("..")) continue;
                    long size = 0;
                    if (!e.qid().isDirectory()) {
                        var child = FilePath.parse(p + "/" + e.name());
                        size = withFid(child, f -> rpc(TRequests.getattr(tag(), f), RMessage.Getattr.class).size());
                    }
                    entries.add(new DirectoryEntry(e.name(), e.qid().isDirectory(), size));
                }
            }
            entries.sort(java.util.Comparator.comparing(DirectoryEntry::name));
            return List.copyOf(entries);
        }));
    }

    @Override
    public void mkdir(String path) {
        var p = FilePath.parse(path);
        call(() -> withFid(parent(p), fid -> rpc(TRequests.mkdir(tag(), fid, p.lastName(), 0755, 0), RMessage.Mkdir.class)));
    }

    @Override
    public void delete(String path) {
        var p = FilePath.parse(path);
        boolean dir = stat(path).isDirectory();
        call(() -> withFid(parent(p), fid -> rpc(TRequests.unlinkat(tag(), fid, p.lastName(), dir ? AT_REMOVEDIR : 0), RMessage.Done.class)));
    }

    @Override
    public void rename(String from, String to) {
        var a = FilePath.parse(from);
        var b = FilePath.parse(to);
        call(() -> withFid(parent(a), da -> withFid(parent(b), db -> rpc(TRequests.renameat(tag(), da, a.lastName(), db, b.lastName()), RMessage.Done.class))));
    }

    @Override
    public void truncate(String path, long size) {
        var p = FilePath.parse(path);
        call(() -> withFid(p, fid -> rpc(TRequests.setSize(tag(), fid, size), RMessage.Done.class)));
    }

    /** A file the server holds open for us by a fid; after a reconnection, walked and opened again by its path. */
    private final class NinePFile extends PositionedFile {
        private long fid;
        private final int reopenFlags;
        private final int iounit;

        NinePFile(String path, OpenMode mode, long fid, int reopenFlags, int iounit) {
            super(path, mode);
            this.fid = fid;
            this.reopenFlags = reopenFlags;
            this.iounit = Math.max(1, iounit);
        }

        void reopen() {
            fid = walkAll(FilePath.parse(path()));
            openFid(fid, reopenFlags);
        }

        @Override
        protected int fetch(long position, byte[] buffer, int offset, int length) {
            int count = Math.min(length, iounit);
            return call(() -> {
                var r = rpc(TRequests.read(tag(), fid, position, count), RMessage.Read.class);
                int n = Math.min(r.count(), count);
                System.arraycopy(r.bytes(), r.dataOffset(), buffer, offset, n);
                return n;
            });
        }

        @Override
        protected void store(long position, byte[] buffer, int offset, int length) {
            for (int done = 0; done < length; ) {
                int count = Math.min(length - done, iounit);
                long at = position + done;
                int from = offset + done;
                long written = call(() -> rpc(TRequests.write(tag(), fid, at, buffer, from, count), RMessage.Write.class).count());
                if (written <= 0) throw new KernelException(ErrorCode.OUT_OF_DISK, () -> describe() + " wrote nothing of " + path());
                done += (int) written;
            }
        }

        @Override
        protected long length() { return call(() -> rpc(TRequests.getattr(tag(), fid), RMessage.Getattr.class).size()); }

        @Override
        protected void cut(long size) { call(() -> rpc(TRequests.setSize(tag(), fid, size), RMessage.Done.class)); }

        @Override
        protected void flush() { call(() -> rpc(TRequests.fsync(tag(), fid), RMessage.Done.class)); }

        @Override
        protected void release() {
            open.remove(this);
            if (socket != null) {
                try {
                    clunk(fid);
                } catch (KernelException e) {
                    // The connection is gone: so is the fid.
                }
            }
        }
    }
}
