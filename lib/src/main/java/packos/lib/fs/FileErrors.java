package packos.lib.fs;

import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/** The refusals every file system gives in the same words. */
final class FileErrors {
    private FileErrors() {}

    static KernelException readOnly(String what, String path, String system) {
        return new KernelException(ErrorCode.READ_ONLY_FILESYSTEM, () -> "cannot " + what + " " + FilePath.shown(path) + ": " + system + " is read-only");
    }

    static KernelException isDirectory(String path) {
        return new KernelException(ErrorCode.IS_DIRECTORY, () -> FilePath.shown(path) + " is a directory (list it, or name a file in it)");
    }

    static KernelException notDirectory(String path) {
        return new KernelException(ErrorCode.IS_NOT_DIRECTORY, () -> FilePath.shown(path) + " is a file, not a directory");
    }

    static KernelException missing(String path) {
        return new KernelException(ErrorCode.DOES_NOT_EXIST, () -> "no " + FilePath.shown(path));
    }

    static KernelException exists(String path) {
        return new KernelException(ErrorCode.ALREADY_EXISTS, () -> FilePath.shown(path) + " already exists");
    }

    static KernelException badRange(String what, String path, int offset, int length, int bufferLength) {
        return new KernelException(ErrorCode.INVALID_ARGUMENT, () -> what + " of " + FilePath.shown(path) + ": " + length + " bytes at offset "
                + offset + " do not fit a buffer of " + bufferLength + " bytes");
    }
}
