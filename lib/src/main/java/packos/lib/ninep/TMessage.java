package packos.lib.ninep;

import static packos.lib.ninep.NineP.*;

import java.util.ArrayList;
import java.util.List;
import packos.lib.wire.MalformedPacketException;

/**
 * A request from a 9P2000.L client, as a server receives it, checked whole by {@link #check}: the
 * size field against the bytes and the msize, every field within the message, strings in UTF-8,
 * at most 16 names per walk, a write's count against its data, nothing after the last field. A
 * type the server does not know, or knows but does not serve, is {@link Unsupported}: its tag can
 * still be answered.
 */
public sealed interface TMessage {
    int tag();

    record Version(int tag, long msize, String version) implements TMessage {}

    record Attach(int tag, long fid, long afid, String uname, String aname, long uid) implements TMessage {}

    record Walk(int tag, long fid, long newFid, List<String> names) implements TMessage {}

    record Lopen(int tag, long fid, long flags) implements TMessage {}

    record Lcreate(int tag, long fid, String name, long flags, long mode, long gid) implements TMessage {}

    /** Twrite's data stays in the received bytes: {@code bytes[dataOffset, dataOffset + count)}. */
    record Write(int tag, long fid, long offset, int count, byte[] bytes, int dataOffset) implements TMessage {}

    record Read(int tag, long fid, long offset, long count) implements TMessage {}

    record Clunk(int tag, long fid) implements TMessage {}

    record Remove(int tag, long fid) implements TMessage {}

    record Flush(int tag, int oldTag) implements TMessage {}

    record Getattr(int tag, long fid, long mask) implements TMessage {}

    record Setattr(int tag, long fid, long valid, long mode, long uid, long gid, long size) implements TMessage {}

    record Readdir(int tag, long fid, long offset, long count) implements TMessage {}

    record Mkdir(int tag, long dirFid, String name, long mode, long gid) implements TMessage {}

    record Unlinkat(int tag, long dirFid, String name, long flags) implements TMessage {}

    record Renameat(int tag, long oldDirFid, String oldName, long newDirFid, String newName) implements TMessage {}

    record Rename(int tag, long fid, long dirFid, String name) implements TMessage {}

    record Statfs(int tag, long fid) implements TMessage {}

    record Fsync(int tag, long fid) implements TMessage {}

    record XattrWalk(int tag, long fid, long newFid, String name) implements TMessage {}

    /** A well-framed message of a type that is not served (Tauth, Tsymlink, Tlock, an R-message, or unknown). */
    record Unsupported(int tag, int type) implements TMessage {}

    /**
     * The size a message's first four bytes announce, checked against what a server accepts.
     *
     * @throws MalformedPacketException if it is below the 7-byte header or above {@code msize}
     */
    static long size(byte[] b, int offset, long msize) throws MalformedPacketException {
        long size = (b[offset] & 0xffL) | (b[offset + 1] & 0xffL) << 8 | (b[offset + 2] & 0xffL) << 16 | (b[offset + 3] & 0xffL) << 24;
        if (size < HEADER) throw new MalformedPacketException("9P size field: " + size + " (at least " + HEADER + ")");
        if (size > msize) throw new MalformedPacketException("9P size field: " + size + " (at most the msize, " + msize + ")");
        return size;
    }

    /**
     * Checks the message at {@code b[offset, offset + length)}: its size field must say {@code length}.
     *
     * @throws MalformedPacketException naming the message and the field
     */
    static TMessage check(byte[] b, int offset, int length) throws MalformedPacketException {
        if (length < HEADER) throw new MalformedPacketException("9P message: " + length + " bytes, fewer than the 7-byte header");
        long size = (b[offset] & 0xffL) | (b[offset + 1] & 0xffL) << 8 | (b[offset + 2] & 0xffL) << 16 | (b[offset + 3] & 0xffL) << 24;
        if (size != length) throw new MalformedPacketException("9P size field: " + size + " but the message is " + length + " bytes");
        int type = b[offset + 4] & 0xff;
        var in = new NinePInput(b, offset + 5, offset + length, name(type));
        int tag = in.u16("tag");
        TMessage m = switch (type) {
            case TVERSION -> new Version(tag, in.u32("msize"), in.string("version"));
            case TATTACH -> new Attach(tag, in.u32("fid"), in.u32("afid"), in.string("uname"), in.string("aname"), in.u32("n_uname"));
            case TWALK -> {
                long fid = in.u32("fid");
                long newFid = in.u32("newfid");
                int n = in.u16("nwname");
                if (n > MAX_WALK) throw new MalformedPacketException("Twalk nwname field: " + n + " (at most " + MAX_WALK + ")");
                var names = new ArrayList<String>(n);
                for (int i = 0; i < n; i++) names.add(in.string("wname"));
                yield new Walk(tag, fid, newFid, List.copyOf(names));
            }
            case TLOPEN -> new Lopen(tag, in.u32("fid"), in.u32("flags"));
            case TLCREATE -> new Lcreate(tag, in.u32("fid"), in.string("name"), in.u32("flags"), in.u32("mode"), in.u32("gid"));
            case TREAD -> new Read(tag, in.u32("fid"), in.u64("offset"), in.u32("count"));
            case TWRITE -> {
                long fid = in.u32("fid");
                long off = in.u64("offset");
                long count = in.u32("count");
                if (count != offset + length - in.position()) {
                    throw new MalformedPacketException("Twrite count field: " + count + " but " + (offset + length - in.position()) + " bytes of data follow");
                }
                int data = in.position();
                in.skip((int) count, "data");
                yield new Write(tag, fid, off, (int) count, b, data);
            }
            case TCLUNK -> new Clunk(tag, in.u32("fid"));
            case TREMOVE -> new Remove(tag, in.u32("fid"));
            case TFLUSH -> new Flush(tag, in.u16("oldtag"));
            case TGETATTR -> new Getattr(tag, in.u32("fid"), in.u64("request_mask"));
            case TSETATTR -> {
                long fid = in.u32("fid");
                long valid = in.u32("valid");
                long mode = in.u32("mode");
                long uid = in.u32("uid");
                long gid = in.u32("gid");
                long size2 = in.u64("size");
                in.skip(32, "times");
                yield new Setattr(tag, fid, valid, mode, uid, gid, size2);
            }
            case TREADDIR -> new Readdir(tag, in.u32("fid"), in.u64("offset"), in.u32("count"));
            case TMKDIR -> new Mkdir(tag, in.u32("dfid"), in.string("name"), in.u32("mode"), in.u32("gid"));
            case TUNLINKAT -> new Unlinkat(tag, in.u32("dirfd"), in.string("name"), in.u32("flags"));
            case TRENAMEAT -> new Renameat(tag, in.u32("olddirfid"), in.string("oldname"), in.u32("newdirfid"), in.string("newname"));
            case TRENAME -> new Rename(tag, in.u32("fid"), in.u32("dfid"), in.string("name"));
            case TSTATFS -> new Statfs(tag, in.u32("fid"));
            case TFSYNC -> {
                long fid = in.u32("fid");
                // Newer clients add datasync[4]; older ones do not.
                if (in.position() < offset + length) in.u32("datasync");
                yield new Fsync(tag, fid);
            }
            case TXATTRWALK -> new XattrWalk(tag, in.u32("fid"), in.u32("newfid"), in.string("name"));
            default -> {
                in.skip(offset + length - in.position(), "body");
                yield new Unsupported(tag, type);
            }
        };
        in.end();
        return m;
    }
}
