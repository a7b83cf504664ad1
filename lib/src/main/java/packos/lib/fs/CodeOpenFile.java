package packos.lib.fs;

import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/** A file of a {@link CodeTree} open for reading: the file and a position of this process's own. */
final class CodeOpenFile implements OpenFile {
    private final String path;
    private final CodeTree.File file;
    private long position;
    private boolean open = true;

    CodeOpenFile(String path, CodeTree.File file) {
        this.path = path;
        this.file = file;
    }

    @Override
    public String path() { return path; }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        checkOpen();
        if (buffer == null) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "read of '" + path + "' into no buffer");
        if (offset < 0 || length < 0 || offset > buffer.length - length) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, () -> "read of '" + path + "': " + length + " bytes at offset "
                    + offset + " do not fit a buffer of " + buffer.length + " bytes");
        }
        if (length == 0) return 0;
        int count = file.copy(position, buffer, offset, length);
        if (count == 0) return -1;
        position += count;
        return count;
    }

    @Override
    public long size() {
        checkOpen();
        return file.size();
    }

    @Override
    public long position() {
        checkOpen();
        return position;
    }

    @Override
    public void seek(long position) {
        checkOpen();
        // Past the end is refused rather than allowed as in POSIX: a file here never grows, so
        // such a position can only be an offset computed wrong.
        if (position < 0 || position > file.size()) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, () -> "seek in '" + path + "' to " + position
                    + " (expected 0.." + file.size() + ")");
        }
        this.position = position;
    }

    @Override
    public void close() { open = false; }

    private void checkOpen() {
        if (!open) throw new KernelException(ErrorCode.INVALID_ARGUMENT, () -> "'" + path + "' is closed");
    }
}
