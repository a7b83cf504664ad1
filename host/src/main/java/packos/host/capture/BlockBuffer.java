package packos.host.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Assembles one pcapng block in little-endian order and writes it with its length filled in at both
 * ends. One buffer is reused for every block, so a capture allocates only when a bigger packet arrives.
 */
final class BlockBuffer {
    static final int OPT_ENDOFOPT = 0;
    static final int OPT_COMMENT = 1;

    private byte[] bytes = new byte[256];
    private int size;

    /** Starts a block: type, then a length placeholder that {@link #writeTo} fills in. */
    BlockBuffer start(int blockType) {
        size = 0;
        putInt(blockType);
        putInt(0);
        return this;
    }

    BlockBuffer putShort(int v) {
        ensure(2);
        bytes[size++] = (byte) v;
        bytes[size++] = (byte) (v >>> 8);
        return this;
    }

    BlockBuffer putInt(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) bytes[size++] = (byte) (v >>> (8 * i));
        return this;
    }

    BlockBuffer putLong(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) bytes[size++] = (byte) (v >>> (8 * i));
        return this;
    }

    /** Bytes followed by zero padding to a 32-bit boundary, as packet data and option values require. */
    BlockBuffer putPadded(byte[] src, int off, int len) {
        int padded = (len + 3) & ~3;
        ensure(padded);
        System.arraycopy(src, off, bytes, size, len);
        Arrays.fill(bytes, size + len, size + padded, (byte) 0);
        size += padded;
        return this;
    }

    BlockBuffer option(int code, byte[] value) {
        if (value.length > 0xffff) throw new IllegalArgumentException("option " + code + " is " + value.length + " bytes (at most 65535)");
        putShort(code);
        putShort(value.length);
        return putPadded(value, 0, value.length);
    }

    BlockBuffer option(int code, String utf8) {
        return option(code, utf8.getBytes(StandardCharsets.UTF_8));
    }

    BlockBuffer endOfOptions() {
        return putShort(OPT_ENDOFOPT).putShort(0);
    }

    /** Appends the trailing length, patches the leading one and writes the block. */
    void writeTo(OutputStream out) throws IOException {
        int total = size + 4;
        putInt(total);
        for (int i = 0; i < 4; i++) bytes[4 + i] = (byte) (total >>> (8 * i));
        out.write(bytes, 0, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
}
