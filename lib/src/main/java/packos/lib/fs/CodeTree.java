package packos.lib.fs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * The read-only file tree an image carries (the original's CodeFS, whose tree was compiled into the
 * program): directories and files with byte contents. The host builds it once at boot and every
 * process of the image reads the same instance, so it is immutable all the way down: contents are
 * copied in when built and copied out when read, and no array of it is ever handed out.
 */
public final class CodeTree {
    /** Most bytes of file contents one tree may hold: the tree lives in host memory for the whole run. */
    public static final long MAX_BYTES = 64L << 20;
    /** Most files and directories (the root not counted) one tree may hold. */
    public static final int MAX_ENTRIES = 65_536;

    private final String origin;
    private final Directory root;
    private final long bytes;
    private final int entries;

    private CodeTree(String origin, Directory root, long bytes, int entries) {
        this.origin = origin;
        this.root = root;
        this.bytes = bytes;
        this.entries = entries;
    }

    /** The tree of an image that names none: an empty root. */
    public static CodeTree empty() { return new CodeTree("", new Directory(new TreeMap<>()), 0, 0); }

    /** @param origin how messages name the tree, such as "httpd" (a built-in tree) or "docroot" (a directory) */
    public static Builder builder(String origin) { return new Builder(origin); }

    /** How messages name this tree; empty for the tree of an image that names none. */
    public String origin() { return origin; }

    /** Whether the image named no tree at all (as opposed to naming an empty one). */
    public boolean isAbsent() { return origin.isEmpty(); }

    /** Bytes of file contents in the tree. */
    public long bytes() { return bytes; }

    /** Files and directories in the tree, the root not counted. */
    public int entries() { return entries; }

    Directory root() { return root; }

    /** A file or a directory of the tree. */
    sealed interface Node permits Directory, File {}

    /** A directory: its entries by name, in name order. */
    static final class Directory implements Node {
        private final SortedMap<String, Node> children;

        private Directory(TreeMap<String, Node> children) {
            this.children = Collections.unmodifiableSortedMap(children);
        }

        /** The entry called {@code name}, or null. */
        Node child(String name) { return children.get(name); }

        List<DirectoryEntry> list() {
            var list = new ArrayList<DirectoryEntry>(children.size());
            children.forEach((name, node) -> list.add(switch (node) {
                case Directory _ -> new DirectoryEntry(name, true, 0);
                case File f -> new DirectoryEntry(name, false, f.size());
            }));
            return List.copyOf(list);
        }
    }

    /** A file: bytes nobody outside this class ever holds. */
    static final class File implements Node {
        private final byte[] contents;

        private File(byte[] contents) { this.contents = contents; }

        int size() { return contents.length; }

        /** Copies up to {@code length} bytes from {@code position} into {@code buffer}; the count copied, 0 at the end. */
        int copy(long position, byte[] buffer, int offset, int length) {
            if (position >= contents.length) return 0;
            int count = (int) Math.min(length, contents.length - position);
            System.arraycopy(contents, (int) position, buffer, offset, count);
            return count;
        }

        byte[] copyAll() { return contents.clone(); }
    }

    /**
     * Collects files and directories, then freezes them into a tree. A path is checked as
     * {@link FilePath} checks a caller's, so every file built in can be named by a program.
     */
    public static final class Builder {
        private final String origin;
        private final Draft root = new Draft();
        private long bytes;
        private int entries;

        private Builder(String origin) {
            if (origin == null || origin.isEmpty()) throw new IllegalArgumentException("a tree needs an origin to be named by");
            this.origin = origin;
        }

        /**
         * Adds a file with a copy of {@code contents}, and the directories above it.
         *
         * @throws KernelException INVALID_ARGUMENT for a bad path, a path already taken, or a tree over its limits
         */
        public Builder file(String path, byte[] contents) {
            var p = FilePath.parse(path);
            if (p.isRoot() || p.directoryExpected()) throw refused(path, "a file's path must end in a name, not '/'");
            if (bytes + contents.length > MAX_BYTES) {
                throw refused(path, "it would take the tree past " + MAX_BYTES + " bytes of contents");
            }
            var parent = directories(path, p.names().subList(0, p.names().size() - 1));
            String name = p.lastName();
            if (parent.directories.containsKey(name)) throw refused(path, "it is already a directory");
            if (parent.files.containsKey(name)) throw refused(path, "it is already a file");
            countEntry(path);
            parent.files.put(name, contents.clone());
            bytes += contents.length;
            return this;
        }

        /** Adds a directory (and those above it), so that a tree can hold an empty one. */
        public Builder directory(String path) {
            var p = FilePath.parse(path);
            directories(path, p.names());
            return this;
        }

        public CodeTree build() { return new CodeTree(origin, root.freeze(), bytes, entries); }

        private Draft directories(String path, List<String> names) {
            var here = root;
            for (String name : names) {
                if (here.files.containsKey(name)) throw refused(path, "'" + name + "' on the way is already a file");
                var next = here.directories.get(name);
                if (next == null) {
                    countEntry(path);
                    next = new Draft();
                    here.directories.put(name, next);
                }
                here = next;
            }
            return here;
        }

        private void countEntry(String path) {
            if (entries == MAX_ENTRIES) throw refused(path, "the tree already holds " + MAX_ENTRIES + " files and directories");
            entries++;
        }

        private KernelException refused(String path, String why) {
            return new KernelException(ErrorCode.INVALID_ARGUMENT,
                    "cannot add " + FilePath.shown(path) + " to code tree " + origin + ": " + why);
        }
    }

    /** A directory still being filled. */
    private static final class Draft {
        final TreeMap<String, Draft> directories = new TreeMap<>();
        final TreeMap<String, byte[]> files = new TreeMap<>();

        Directory freeze() {
            var children = new TreeMap<String, Node>();
            directories.forEach((name, draft) -> children.put(name, draft.freeze()));
            // No second copy: the builder copied the contents in and never writes to them again.
            files.forEach((name, contents) -> children.put(name, new File(contents)));
            return new Directory(children);
        }
    }
}
