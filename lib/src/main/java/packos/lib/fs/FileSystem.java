package packos.lib.fs;

import java.util.List;

/**
 * Files as a program sees them ({@code process.files()}): '/'-separated paths, checked by
 * {@link FilePath} (a leading '/' is allowed, no path leaves the root). Every refusal is a
 * {@link packos.kernel.KernelException} whose code says what went wrong and whose message names
 * the path:
 * INVALID_ARGUMENT for a path that is not valid, DOES_NOT_EXIST, IS_DIRECTORY (a file operation on
 * a directory), NOT_A_DIRECTORY (a directory operation on a file, or a file on the way),
 * READ_ONLY_FILESYSTEM (opening for writing where writing is impossible).
 */
public interface FileSystem {
    /** Opens a file; the caller closes it. */
    OpenFile open(String path, OpenMode mode);

    /** Opens a file for reading. */
    default OpenFile open(String path) { return open(path, OpenMode.READ); }

    /** A file's length in bytes. */
    long size(String path);

    /** A directory's entries, sorted by name. */
    List<DirectoryEntry> list(String directory);

    /** Whether the path names a file or a directory. An invalid path is still refused, not "absent". */
    boolean exists(String path);

    /** Whether the path names a directory (false if it names nothing). */
    boolean isDirectory(String path);

    /** The whole of a file, in an array of the caller's own. */
    byte[] readAll(String path);
}
