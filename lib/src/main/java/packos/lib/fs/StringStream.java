package packos.lib.fs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * The original's string stream ({@code StreamStringOpen(buf, len)}): writes fill a buffer of a
 * fixed capacity, and a write that does not fit is BUFFER_FULL and writes nothing, so what the
 * buffer holds is always whole writes.
 */
public final class StringStream implements Stream {
    private final byte[] buffer;
    private int length;
    private boolean closed;

    public StringStream(int capacity) {
        if (capacity < 0) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "a string stream of " + capacity + " bytes");
        this.buffer = new byte[capacity];
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
        if (closed) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "the string stream is closed");
        if (offset < 0 || count < 0 || offset > bytes.length - count) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, count + " bytes at " + offset + " outside a buffer of " + bytes.length);
        }
        if (count > buffer.length - length) {
            throw new KernelException(ErrorCode.BUFFER_FULL, () -> count + " bytes do not fit: " + length + " of " + buffer.length + " are used");
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    /** The bytes written so far, a copy. */
    public byte[] bytes() { return Arrays.copyOf(buffer, length); }

    /** What was written, as UTF-8 text. */
    public String text() { return new String(buffer, 0, length, StandardCharsets.UTF_8); }

    public int length() { return length; }

    public int capacity() { return buffer.length; }

    @Override
    public void close() { closed = true; }
}
