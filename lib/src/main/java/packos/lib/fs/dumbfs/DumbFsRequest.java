package packos.lib.fs.dumbfs;

import static packos.lib.fs.dumbfs.DumbFs.*;

import packos.lib.wire.MalformedPacketException;

/**
 * A DumbFS request: a typed view over its bytes, made only by {@link #check}, which refuses a
 * datagram that is not a whole, well-formed request and names the field; and the encoders a
 * client sends with.
 */
public final class DumbFsRequest {
    private final byte[] b;

    private DumbFsRequest(byte[] b) { this.b = b; }

    /**
     * @param bytes a datagram's payload, exactly {@code length} bytes of it from 0
     * @throws MalformedPacketException naming the field: a wrong length, an unknown command, a path
     *                                  without its NUL or not UTF-8, unknown flags, a count over 1024
     */
    public static DumbFsRequest check(byte[] bytes, int length) throws MalformedPacketException {
        if (length != REQUEST_LENGTH) {
            throw new MalformedPacketException("DumbFS request: " + length + " bytes (expected " + REQUEST_LENGTH + ")");
        }
        var r = new DumbFsRequest(bytes);
        switch (r.command()) {
            case OPEN -> {
                DumbFs.path(bytes, 4, "path");
                if ((r.flags() & ~KNOWN_FLAGS) != 0) throw new MalformedPacketException("DumbFS Open flags field: unknown bits 0x" + Long.toHexString(r.flags() & ~KNOWN_FLAGS));
                if ((r.flags() & (FLAG_READ | FLAG_WRITE)) == 0) throw new MalformedPacketException("DumbFS Open flags field: neither Read nor Write");
            }
            case CLOSE -> { }
            case READ, WRITE -> {
                if (r.count() > MAX_BUFFER) throw new MalformedPacketException("DumbFS " + commandName(r.command()) + " count field: " + r.count() + " (at most " + MAX_BUFFER + ")");
            }
            case DELETE, STAT -> DumbFs.path(bytes, 4, "path");
            case RENAME -> {
                DumbFs.path(bytes, 4, "from");
                DumbFs.path(bytes, 4 + PATH_FIELD, "to");
            }
            default -> throw new MalformedPacketException("DumbFS cmd field: " + r.command() + " is no command");
        }
        return r;
    }

    public int command() { return u16(b, 0); }

    public int requestId() { return u16(b, 2); }

    /** Open, Delete, Stat: the path; Rename: the old name. */
    public String path() {
        try {
            return DumbFs.path(b, 4, "path");
        } catch (MalformedPacketException e) {
            throw new IllegalStateException("checked", e);
        }
    }

    /** Rename: the new name. */
    public String to() {
        try {
            return DumbFs.path(b, 4 + PATH_FIELD, "to");
        } catch (MalformedPacketException e) {
            throw new IllegalStateException("checked", e);
        }
    }

    public long flags() { return u32(b, 4 + PATH_FIELD); }

    public long fileId() { return u32(b, 4); }

    public long position() { return u32(b, 8); }

    public int count() { return (int) Math.min(u32(b, 12), Integer.MAX_VALUE); }

    /** Write: where its data starts in the bytes. */
    public int dataOffset() { return 16; }

    public byte[] bytes() { return b; }

    // ---- encoders ----------------------------------------------------------------------------

    private static byte[] header(int cmd, int id) {
        var out = new byte[REQUEST_LENGTH];
        put16(out, 0, cmd);
        put16(out, 2, id);
        return out;
    }

    public static byte[] open(int id, String path, int flags) {
        var out = header(OPEN, id);
        putPath(out, 4, path);
        put32(out, 4 + PATH_FIELD, flags);
        return out;
    }

    public static byte[] close(int id, long fileId) {
        var out = header(CLOSE, id);
        put32(out, 4, fileId);
        return out;
    }

    public static byte[] read(int id, long fileId, long position, int count) {
        var out = header(READ, id);
        put32(out, 4, fileId);
        put32(out, 8, position);
        put32(out, 12, count);
        return out;
    }

    public static byte[] write(int id, long fileId, long position, byte[] data, int offset, int count) {
        if (count > MAX_BUFFER) throw new IllegalArgumentException("a write carries at most " + MAX_BUFFER + " bytes");
        var out = header(WRITE, id);
        put32(out, 4, fileId);
        put32(out, 8, position);
        put32(out, 12, count);
        System.arraycopy(data, offset, out, 16, count);
        return out;
    }

    public static byte[] delete(int id, String path) {
        var out = header(DELETE, id);
        putPath(out, 4, path);
        return out;
    }

    public static byte[] rename(int id, String from, String to) {
        var out = header(RENAME, id);
        putPath(out, 4, from);
        putPath(out, 4 + PATH_FIELD, to);
        return out;
    }

    public static byte[] stat(int id, String path) {
        var out = header(STAT, id);
        putPath(out, 4, path);
        return out;
    }
}
