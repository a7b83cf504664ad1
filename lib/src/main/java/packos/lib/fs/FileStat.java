package packos.lib.fs;

import java.util.Objects;

/**
 * What a file system says about one file or directory.
 *
 * @param name        the last name of its path ("/" for the root)
 * @param isDirectory whether it is a directory
 * @param size        a file's length in bytes; 0 for a directory
 * @param modified    when it last changed, in seconds since 1970 as its file system knows it; 0 when it does not
 */
public record FileStat(String name, boolean isDirectory, long size, long modified) {
    public FileStat {
        Objects.requireNonNull(name, "name");
        if (size < 0) throw new IllegalArgumentException("size " + size + " is negative");
    }

    /** The entry a listing of its directory gives. */
    public DirectoryEntry entry() { return new DirectoryEntry(name, isDirectory, isDirectory ? 0 : size); }
}
