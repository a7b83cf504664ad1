package packos.lib.fs;

/** What a caller means to do with a file it opens (the original's Read, Write and Append flags). */
public enum OpenMode {
    READ, WRITE, APPEND;

    /** Whether the mode changes the file, which a read-only file system refuses. */
    public boolean writes() { return this != READ; }
}
