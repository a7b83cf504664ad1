package packos.lib.fs;

import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/** A file of a {@link CodeTree} open for reading: the file and a position of this process's own. */
final class CodeOpenFile extends PositionedFile {
    private final CodeTree.File file;

    CodeOpenFile(String path, CodeTree.File file) {
        super(path, OpenMode.READ);
        this.file = file;
    }

    @Override
    protected int fetch(long position, byte[] buffer, int offset, int length) { return file.copy(position, buffer, offset, length); }

    @Override
    protected void store(long position, byte[] buffer, int offset, int length) { throw new IllegalStateException("never open for writing"); }

    @Override
    protected long length() { return file.size(); }

    @Override
    protected void cut(long size) { throw new KernelException(ErrorCode.READ_ONLY_FILESYSTEM, "a code tree's files never change"); }
}
