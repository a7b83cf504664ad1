package packos.lib.fs.dumbfs;

import static packos.lib.fs.dumbfs.DumbFs.*;

import packos.lib.wire.MalformedPacketException;

/** A DumbFS reply: a typed view made by {@link #check}, and the encoders a server answers with. */
public final class DumbFsReply {
    private final byte[] b;

    private DumbFsReply(byte[] b) { this.b = b; }

    /** @throws MalformedPacketException naming the field: a wrong length, an unknown command, a read's actual count over 1024 */
    public static DumbFsReply check(byte[] bytes, int length) throws MalformedPacketException {
        if (length != REPLY_LENGTH) throw new MalformedPacketException("DumbFS reply: " + length + " bytes (expected " + REPLY_LENGTH + ")");
        var r = new DumbFsReply(bytes);
        if (r.command() < OPEN || r.command() > STAT) throw new MalformedPacketException("DumbFS reply cmd field: " + r.command() + " is no command");
        if (r.command() == READ && r.error() == 0 && r.actual() > MAX_BUFFER) {
            throw new MalformedPacketException("DumbFS Read reply actual field: " + r.actual() + " (at most " + MAX_BUFFER + ")");
        }
        return r;
    }

    public int command() { return u16(b, 0); }

    public int requestId() { return u16(b, 2); }

    /** 0, or a PackOS error number. */
    public int error() { return u16(b, 4); }

    public long fileId() { return u32(b, 8); }

    public long actual() { return u32(b, 8); }

    /** Stat: whether it is a directory. */
    public boolean isDirectory() { return u32(b, 8) == 1; }

    /** Stat: the size. */
    public long size() { return u64(b, 12); }

    /** Read: where the data starts in the bytes. */
    public int dataOffset() { return 12; }

    public byte[] bytes() { return b; }

    public static byte[] failure(int cmd, int id, int error) {
        var out = new byte[REPLY_LENGTH];
        put16(out, 0, cmd);
        put16(out, 2, id);
        put16(out, 4, error);
        return out;
    }

    /** Open's file id, Write's actual count, Close's nothing. */
    public static byte[] success(int cmd, int id, long value) {
        var out = failure(cmd, id, 0);
        put32(out, 8, value);
        return out;
    }

    public static byte[] read(int id, byte[] data, int offset, int count) {
        var out = success(READ, id, count);
        System.arraycopy(data, offset, out, 12, count);
        return out;
    }

    public static byte[] stat(int id, boolean directory, long size) {
        var out = success(STAT, id, directory ? 1 : 0);
        put64(out, 12, size);
        return out;
    }
}
