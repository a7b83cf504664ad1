package packos.lib.ninep;

import static packos.lib.ninep.NineP.*;

import java.util.ArrayList;
import java.util.List;
import packos.lib.wire.MalformedPacketException;

/**
 * A reply from a 9P2000.L server, as a client receives it, checked whole by {@link #check}. The
 * replies that carry nothing (Rclunk, Rremove, Rflush, Rsetattr, Rfsync, Rmkdir's peers...) are
 * {@link Done} with their type.
 */
public sealed interface RMessage {
    int tag();

    record Version(int tag, long msize, String version) implements RMessage {}

    record Attach(int tag, Qid qid) implements RMessage {}

    record Walk(int tag, List<Qid> qids) implements RMessage {}

    record Open(int tag, Qid qid, long iounit) implements RMessage {}

    /** Rread's data stays in the received bytes. */
    record Read(int tag, byte[] bytes, int dataOffset, int count) implements RMessage {}

    record Write(int tag, long count) implements RMessage {}

    record Getattr(int tag, Qid qid, long mode, long size, long mtime) implements RMessage {}

    record Readdir(int tag, List<DirEntry> entries) implements RMessage {}

    record Mkdir(int tag, Qid qid) implements RMessage {}

    record Statfs(int tag, long blockSize, long blocks, long free) implements RMessage {}

    record Error(int tag, long errno) implements RMessage {}

    record Done(int tag, int type) implements RMessage {}

    /** One entry of an Rreaddir: its qid, the offset to continue after it, its type and name. */
    record DirEntry(Qid qid, long offset, int type, String name) {}

    /** @throws MalformedPacketException naming the reply and the field */
    static RMessage check(byte[] b, int offset, int length) throws MalformedPacketException {
        if (length < HEADER) throw new MalformedPacketException("9P reply: " + length + " bytes, fewer than the 7-byte header");
        long size = (b[offset] & 0xffL) | (b[offset + 1] & 0xffL) << 8 | (b[offset + 2] & 0xffL) << 16 | (b[offset + 3] & 0xffL) << 24;
        if (size != length) throw new MalformedPacketException("9P size field: " + size + " but the reply is " + length + " bytes");
        int type = b[offset + 4] & 0xff;
        var tname = name(type - 1);
        var in = new NinePInput(b, offset + 5, offset + length, tname.startsWith("T") ? "R" + tname.substring(1) : "reply type " + type);
        int tag = in.u16("tag");
        RMessage m = switch (type) {
            case RVERSION -> new Version(tag, in.u32("msize"), in.string("version"));
            case RATTACH -> new Attach(tag, in.qid("qid"));
            case RWALK -> {
                int n = in.u16("nwqid");
                if (n > MAX_WALK) throw new MalformedPacketException("Rwalk nwqid field: " + n + " (at most " + MAX_WALK + ")");
                var qids = new ArrayList<Qid>(n);
                for (int i = 0; i < n; i++) qids.add(in.qid("qid"));
                yield new Walk(tag, List.copyOf(qids));
            }
            case RLOPEN, RLCREATE -> new Open(tag, in.qid("qid"), in.u32("iounit"));
            case RREAD -> {
                long count = in.u32("count");
                if (count != offset + length - in.position()) {
                    throw new MalformedPacketException("Rread count field: " + count + " but " + (offset + length - in.position()) + " bytes of data follow");
                }
                int data = in.position();
                in.skip((int) count, "data");
                yield new Read(tag, b, data, (int) count);
            }
            case RWRITE -> new Write(tag, in.u32("count"));
            case RGETATTR -> {
                in.u64("valid");
                var qid = in.qid("qid");
                long mode = in.u32("mode");
                in.u32("uid");
                in.u32("gid");
                in.u64("nlink");
                in.u64("rdev");
                long fileSize = in.u64("size");
                in.u64("blksize");
                in.u64("blocks");
                in.u64("atime_sec");
                in.u64("atime_nsec");
                long mtime = in.u64("mtime_sec");
                in.skip(8 * 7, "times and versions");
                yield new Getattr(tag, qid, mode, fileSize, mtime);
            }
            case RREADDIR -> {
                long count = in.u32("count");
                if (count != offset + length - in.position()) throw new MalformedPacketException("Rreaddir count field: " + count + " does not match its data");
                var entries = new ArrayList<DirEntry>();
                while (in.position() < offset + length) {
                    entries.add(new DirEntry(in.qid("entry qid"), in.u64("entry offset"), in.u8("entry type"), in.string("entry name")));
                }
                yield new Readdir(tag, List.copyOf(entries));
            }
            case RMKDIR -> new Mkdir(tag, in.qid("qid"));
            case RSTATFS -> {
                in.u32("type");
                long bsize = in.u32("bsize");
                long blocks = in.u64("blocks");
                long free = in.u64("bfree");
                in.skip(8 * 4 + 4, "rest");
                yield new Statfs(tag, bsize, blocks, free);
            }
            case RLERROR -> new Error(tag, in.u32("ecode"));
            case RCLUNK, RREMOVE, RFLUSH, RSETATTR, RFSYNC, RUNLINKAT, RRENAMEAT, RRENAME -> new Done(tag, type);
            default -> throw new MalformedPacketException("9P reply type field: " + type + " is no reply this client asks for");
        };
        in.end();
        return m;
    }
}
