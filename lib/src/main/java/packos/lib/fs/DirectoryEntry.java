package packos.lib.fs;

import java.util.Objects;

/**
 * One entry of a directory listing.
 *
 * @param name        the entry's own name, not its path
 * @param isDirectory whether it is a directory
 * @param size        a file's length in bytes; 0 for a directory
 */
public record DirectoryEntry(String name, boolean isDirectory, long size) {
    public DirectoryEntry {
        Objects.requireNonNull(name, "name");
        if (size < 0) throw new IllegalArgumentException("size " + size + " is negative");
    }
}
