package packos.lib.fs;

import java.io.ByteArrayOutputStream;
import java.util.List;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * Files as a program sees them ({@code process.files()}): '/'-separated paths, checked by
 * {@link FilePath} (a leading '/' is allowed, no path leaves the root). Every refusal is a
 * {@link packos.kernel.KernelException} whose code says what went wrong, in the original's names
 * where it had one, and whose message names the path: INVALID_ARGUMENT for a path that is not
 * valid, DOES_NOT_EXIST, ALREADY_EXISTS, IS_DIRECTORY (a file operation on a directory),
 * IS_NOT_DIRECTORY (a directory operation on a file, or a file on the way), DIRECTORY_NOT_EMPTY,
 * READ_ONLY_FILESYSTEM, ACCESS_DENIED, NAME_TOO_LONG, CROSS_FILESYSTEM_MOVE (a rename between two
 * mounts), OUT_OF_DISK, NOT_IMPLEMENTED (an operation the file system's protocol lacks) and, for
 * remote ones, the network's errors (CONNECTION_TIMED_OUT and the like).
 *
 * <p>A read-only file system implements only what reads; the changing operations refuse with
 * READ_ONLY_FILESYSTEM by default.
 */
public interface FileSystem {
    /** Opens a file; the caller closes it. */
    OpenFile open(String path, OpenMode mode);

    /** Opens a file for reading. */
    default OpenFile open(String path) { return open(path, OpenMode.READ); }

    /** What the path names. */
    FileStat stat(String path);

    /** A directory's entries, sorted by name. */
    List<DirectoryEntry> list(String directory);

    /** Makes a directory; its parent must exist. ALREADY_EXISTS if the path names anything. */
    default void mkdir(String path) { throw FileErrors.readOnly("make directory", path, describe()); }

    /** Deletes a file or an empty directory. */
    default void delete(String path) { throw FileErrors.readOnly("delete", path, describe()); }

    /** Renames a file or directory, replacing a file at {@code to}, as POSIX's rename does. */
    default void rename(String from, String to) { throw FileErrors.readOnly("rename", from, describe()); }

    /** Sets a file's length, cutting it or extending it with zeros. */
    default void truncate(String path, long size) { throw FileErrors.readOnly("truncate", path, describe()); }

    /** Makes everything written so far durable, as far as the file system can. */
    default void sync() {}

    /** How messages name this file system ("code tree httpd", "DumbFS at [fd00:7e8f::1]:5002"). */
    default String describe() { return getClass().getSimpleName(); }

    /** A file's length in bytes; IS_DIRECTORY for a directory. */
    default long size(String path) {
        var stat = stat(path);
        if (stat.isDirectory()) throw FileErrors.isDirectory(path);
        return stat.size();
    }

    /** Whether the path names a file or a directory. An invalid path is still refused, not "absent". */
    default boolean exists(String path) {
        FilePath.parse(path);
        try {
            stat(path);
            return true;
        } catch (KernelException e) {
            if (e.code() == ErrorCode.DOES_NOT_EXIST || e.code() == ErrorCode.IS_NOT_DIRECTORY) return false;
            throw e;
        }
    }

    /** Whether the path names a directory (false if it names nothing). */
    default boolean isDirectory(String path) {
        FilePath.parse(path);
        try {
            return stat(path).isDirectory();
        } catch (KernelException e) {
            if (e.code() == ErrorCode.DOES_NOT_EXIST || e.code() == ErrorCode.IS_NOT_DIRECTORY) return false;
            throw e;
        }
    }

    /** The whole of a file, in an array of the caller's own. */
    default byte[] readAll(String path) {
        try (var f = open(path)) {
            var out = new ByteArrayOutputStream();
            var buffer = new byte[8192];
            for (int n; (n = f.read(buffer, 0, buffer.length)) != -1; ) out.write(buffer, 0, n);
            return out.toByteArray();
        }
    }

    /** Replaces a file's contents with {@code data}, creating it if need be. */
    default void writeAll(String path, byte[] data) {
        try (var f = open(path, OpenMode.REPLACE)) {
            f.write(data, 0, data.length);
        }
    }
}
