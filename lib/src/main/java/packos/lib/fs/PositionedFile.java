package packos.lib.fs;

import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * What every open file has in common: the path, the mode, the position, the checks of buffers
 * and of the mode, closing. A file system supplies the positioned operations on its storage
 * ({@link #fetch}, {@link #store}, {@link #length}, ...), which are called only with a valid range
 * of a valid buffer, on an open file, in a mode that allows them.
 */
public abstract class PositionedFile implements OpenFile {
    private final String path;
    private final OpenMode mode;
    private long position;
    private boolean open = true;

    protected PositionedFile(String path, OpenMode mode) {
        this.path = path;
        this.mode = mode;
    }

    /** Copies up to {@code length} (at least 1) bytes from {@code position}; the count copied, 0 at or past the end. */
    protected abstract int fetch(long position, byte[] buffer, int offset, int length);

    /** Stores all {@code length} bytes at {@code position}. */
    protected abstract void store(long position, byte[] buffer, int offset, int length);

    /** The file's length now. */
    protected abstract long length();

    /** Sets the file's length. */
    protected abstract void cut(long size);

    /** Makes what was stored durable. */
    protected void flush() {}

    /** Lets go of whatever the file holds (a server's handle). Called once. */
    protected void release() {}

    @Override
    public final String path() { return path; }

    @Override
    public final OpenMode mode() { return mode; }

    @Override
    public final int read(byte[] buffer, int offset, int length) {
        int count = readAt(position, buffer, offset, length);
        if (count > 0) position += count;
        return count;
    }

    @Override
    public final int readAt(long at, byte[] buffer, int offset, int length) {
        checkOpen();
        checkRange("read", buffer, offset, length);
        if (!mode.read()) throw new KernelException(ErrorCode.NOT_OPEN_FOR_READ, () -> "read of " + FilePath.shown(path) + ": it is open for " + mode);
        if (at < 0) throw new KernelException(ErrorCode.INVALID_ARGUMENT, () -> "read of " + FilePath.shown(path) + " at " + at);
        if (length == 0) return 0;
        int count = fetch(at, buffer, offset, length);
        return count == 0 ? -1 : count;
    }

    @Override
    public final void write(byte[] buffer, int offset, int length) {
        checkWritable("write", buffer, offset, length);
        long at = mode.append() ? length() : position;
        if (length > 0) store(at, buffer, offset, length);
        position = at + length;
    }

    @Override
    public final void writeAt(long at, byte[] buffer, int offset, int length) {
        checkWritable("write", buffer, offset, length);
        if (at < 0) throw new KernelException(ErrorCode.INVALID_ARGUMENT, () -> "write to " + FilePath.shown(path) + " at " + at);
        if (length > 0) store(at, buffer, offset, length);
    }

    @Override
    public final long size() {
        checkOpen();
        return length();
    }

    @Override
    public final long position() {
        checkOpen();
        return position;
    }

    @Override
    public final void seek(long to) {
        checkOpen();
        // A read-only file never grows, so a position past its end can only be an offset computed wrong.
        long limit = mode.write() ? Long.MAX_VALUE : length();
        if (to < 0 || to > limit) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, () -> "seek in '" + path + "' to " + to
                    + (mode.write() ? " (expected 0 or more)" : " (expected 0.." + length() + ")"));
        }
        this.position = to;
    }

    @Override
    public final void truncate(long size) {
        checkOpen();
        if (!mode.write()) throw notForWrite("truncate");
        if (size < 0) throw new KernelException(ErrorCode.INVALID_ARGUMENT, () -> "truncate " + FilePath.shown(path) + " to " + size);
        cut(size);
    }

    @Override
    public final void sync() {
        checkOpen();
        flush();
    }

    @Override
    public final void close() {
        if (!open) return;
        open = false;
        release();
    }

    protected final boolean isOpen() { return open; }

    private void checkWritable(String what, byte[] buffer, int offset, int length) {
        checkOpen();
        checkRange(what, buffer, offset, length);
        if (!mode.write()) throw notForWrite(what);
    }

    private KernelException notForWrite(String what) {
        return new KernelException(ErrorCode.NOT_OPEN_FOR_WRITE, () -> what + " of " + FilePath.shown(path) + ": it is open for " + mode);
    }

    private void checkRange(String what, byte[] buffer, int offset, int length) {
        if (buffer == null) throw new KernelException(ErrorCode.INVALID_ARGUMENT, what + " of '" + path + "' into no buffer");
        if (offset < 0 || length < 0 || offset > buffer.length - length) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, () -> what + " of '" + path + "': " + length + " bytes at offset "
                    + offset + " do not fit a buffer of " + buffer.length + " bytes");
        }
    }

    private void checkOpen() {
        if (!open) throw new KernelException(ErrorCode.INVALID_ARGUMENT, () -> "'" + path + "' is closed");
    }
}
