package packos.lib.fs;

import java.util.StringJoiner;

/**
 * What a caller means to do with a file it opens. The original had three flags, Read, Write and
 * Append; a writable file layer adds what POSIX's open adds: create the file if it is missing,
 * truncate it, and (with create) refuse a file that already exists.
 *
 * @param read      reads are allowed
 * @param write     writes are allowed
 * @param append    every write goes to the end of the file, wherever the position is
 * @param create    a missing file is created (empty)
 * @param truncate  the file is cut to 0 bytes when opened
 * @param exclusive with create: a file that already exists is ALREADY_EXISTS
 */
public record OpenMode(boolean read, boolean write, boolean append, boolean create, boolean truncate, boolean exclusive) {
    public static final OpenMode READ = new OpenMode(true, false, false, false, false, false);
    public static final OpenMode WRITE = new OpenMode(false, true, false, false, false, false);
    public static final OpenMode APPEND = new OpenMode(false, true, true, false, false, false);
    public static final OpenMode READ_WRITE = new OpenMode(true, true, false, false, false, false);
    /** What "write a new file" means: create it if missing, cut it if present. */
    public static final OpenMode REPLACE = new OpenMode(false, true, false, true, true, false);

    public OpenMode {
        if (!read && !write) throw new IllegalArgumentException("an open mode must read or write (or both)");
        if (append && !write) throw new IllegalArgumentException("append needs write");
        if (truncate && !write) throw new IllegalArgumentException("truncate needs write");
        if (exclusive && !create) throw new IllegalArgumentException("exclusive needs create");
    }

    public OpenMode withRead() { return new OpenMode(true, write, append, create, truncate, exclusive); }

    public OpenMode withCreate() { return new OpenMode(read, write, append, true, truncate, exclusive); }

    public OpenMode withTruncate() { return new OpenMode(read, write, append, create, true, exclusive); }

    public OpenMode withExclusive() { return new OpenMode(read, write, append, true, truncate, true); }

    /** Whether the mode may change the file system, which a read-only one refuses. */
    public boolean writes() { return write || create || truncate; }

    /** {@code READ}, {@code WRITE}, {@code APPEND}, or the flags joined, {@code READ+WRITE+CREATE}. */
    @Override
    public String toString() {
        var text = new StringJoiner("+");
        if (read) text.add("READ");
        if (write && !append) text.add("WRITE");
        if (append) text.add("APPEND");
        if (create) text.add("CREATE");
        if (truncate) text.add("TRUNCATE");
        if (exclusive) text.add("EXCLUSIVE");
        return text.toString();
    }
}
