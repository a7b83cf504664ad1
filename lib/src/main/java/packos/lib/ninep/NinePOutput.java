package packos.lib.ninep;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds one 9P message: the header, then fields in order, little-endian; {@link #finish} fills in the size. */
public final class NinePOutput {
    private byte[] b;
    private int length;

    public NinePOutput(int type, int tag, int capacity) {
        b = new byte[Math.max(capacity, NineP.HEADER)];
        length = 4;
        u8(type);
        u16(tag);
    }

    private void room(int n) {
        if (length + n > b.length) b = Arrays.copyOf(b, Math.max(b.length * 2, length + n));
    }

    public NinePOutput u8(int v) {
        room(1);
        b[length++] = (byte) v;
        return this;
    }

    public NinePOutput u16(int v) {
        room(2);
        b[length++] = (byte) v;
        b[length++] = (byte) (v >>> 8);
        return this;
    }

    public NinePOutput u32(long v) {
        room(4);
        for (int i = 0; i < 4; i++) b[length++] = (byte) (v >>> (8 * i));
        return this;
    }

    public NinePOutput u64(long v) {
        room(8);
        for (int i = 0; i < 8; i++) b[length++] = (byte) (v >>> (8 * i));
        return this;
    }

    public NinePOutput string(String s) {
        var bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xffff) throw new IllegalArgumentException("a 9P string holds at most 65535 bytes");
        u16(bytes.length);
        return bytes(bytes, 0, bytes.length);
    }

    public NinePOutput qid(Qid q) { return u8(q.type()).u32(q.version()).u64(q.path()); }

    public NinePOutput bytes(byte[] data, int offset, int count) {
        room(count);
        System.arraycopy(data, offset, b, length, count);
        length += count;
        return this;
    }

    /** Bytes written so far, the header included. */
    public int length() { return length; }

    /** The message, its size field set. */
    public byte[] finish() {
        b[0] = (byte) length;
        b[1] = (byte) (length >>> 8);
        b[2] = (byte) (length >>> 16);
        b[3] = (byte) (length >>> 24);
        return length == b.length ? b : Arrays.copyOf(b, length);
    }
}
