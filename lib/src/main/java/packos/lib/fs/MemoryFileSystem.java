package packos.lib.fs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * A writable file tree in memory, bounded in bytes and entries: a scratch space for a process, and
 * what a file server exports when no host directory backs it. Files are shared by every handle
 * open on them (a write through one is read through another), as on a disk; a deleted file's open
 * handles keep its bytes, as POSIX keeps an unlinked file's.
 */
public final class MemoryFileSystem implements FileSystem {
    /** Default bound on the bytes of all files together. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    /** Default bound on files and directories, the root not counted. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final String name;
    private final long maxBytes;
    private final int maxEntries;
    private final LongSupplier clock;
    private final Directory root = new Directory();
    private long bytes;
    private int entries;

    /** @param clock seconds since 1970 for modification times (machine time: no program reads the host's) */
    public MemoryFileSystem(String name, long maxBytes, int maxEntries, LongSupplier clock) {
        if (maxBytes < 0 || maxEntries < 0) throw new IllegalArgumentException("negative limits");
        this.name = name;
        this.maxBytes = maxBytes;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    public MemoryFileSystem(String name) { this(name, DEFAULT_MAX_BYTES, DEFAULT_MAX_ENTRIES, () -> 0); }

    @Override
    public String describe() { return "memory tree " + name; }

    /** Bytes held by all files now. */
    public long bytes() { return bytes; }

    @Override
    public OpenFile open(String path, OpenMode mode) {
        if (mode == null) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "no open mode for " + FilePath.shown(path));
        var p = FilePath.parse(path);
        if (p.isRoot()) throw FileErrors.isDirectory(p.toString());
        var parent = parentOf(p);
        var node = parent.children.get(p.lastName());
        if (node == null) {
            if (!mode.create()) throw FileErrors.missing(p.toString());
            if (p.directoryExpected()) throw FileErrors.isDirectory(p.toString());
            countEntry(p);
            node = new File(clock.getAsLong());
            parent.children.put(p.lastName(), node);
            parent.modified = clock.getAsLong();
        } else if (mode.create() && mode.exclusive()) {
            throw FileErrors.exists(p.toString());
        }
        if (!(node instanceof File file)) throw FileErrors.isDirectory(p.toString());
        if (p.directoryExpected()) throw FileErrors.notDirectory(p.toString());
        if (mode.truncate()) resize(file, 0);
        return new MemoryOpenFile(p.toString(), mode, file);
    }

    @Override
    public FileStat stat(String path) {
        var p = FilePath.parse(path);
        return stat(p.lastName(), resolve(p));
    }

    @Override
    public List<DirectoryEntry> list(String directory) {
        var p = FilePath.parse(directory);
        if (!(resolve(p) instanceof Directory d)) throw FileErrors.notDirectory(p.toString());
        var list = new ArrayList<DirectoryEntry>(d.children.size());
        d.children.forEach((n, node) -> list.add(stat(n, node).entry()));
        return List.copyOf(list);
    }

    @Override
    public void mkdir(String path) {
        var p = FilePath.parse(path);
        if (p.isRoot()) throw FileErrors.exists("/");
        var parent = parentOf(p);
        if (parent.children.containsKey(p.lastName())) throw FileErrors.exists(p.toString());
        countEntry(p);
        var d = new Directory();
        d.modified = clock.getAsLong();
        parent.children.put(p.lastName(), d);
        parent.modified = d.modified;
    }

    @Override
    public void delete(String path) {
        var p = FilePath.parse(path);
        if (p.isRoot()) throw new KernelException(ErrorCode.ACCESS_DENIED, "the root cannot be deleted");
        var parent = parentOf(p);
        var node = parent.children.get(p.lastName());
        if (node == null) throw FileErrors.missing(p.toString());
        if (node instanceof Directory d && !d.children.isEmpty()) {
            throw new KernelException(ErrorCode.DIRECTORY_NOT_EMPTY, () -> FilePath.shown(p.toString()) + " holds " + d.children.size() + " entries");
        }
        if (node instanceof File f && p.directoryExpected()) throw FileErrors.notDirectory(p.toString());
        parent.children.remove(p.lastName());
        parent.modified = clock.getAsLong();
        entries--;
        if (node instanceof File f) {
            bytes -= f.length;
            f.unlinked = true;
        }
    }

    @Override
    public void rename(String from, String to) {
        var source = FilePath.parse(from);
        var target = FilePath.parse(to);
        if (source.isRoot() || target.isRoot()) throw new KernelException(ErrorCode.ACCESS_DENIED, "the root cannot be renamed, nor replaced");
        var fromParent = parentOf(source);
        var node = fromParent.children.get(source.lastName());
        if (node == null) throw FileErrors.missing(source.toString());
        if (node instanceof Directory && isInside(target, source)) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, () -> "cannot move " + source + " into itself, to " + target);
        }
        var toParent = parentOf(target);
        var replaced = toParent.children.get(target.lastName());
        if (replaced == node) return;
        if (replaced != null) {
            switch (replaced) {
                case Directory d when !(node instanceof Directory) -> throw FileErrors.isDirectory(target.toString());
                case Directory d when !d.children.isEmpty() -> throw new KernelException(ErrorCode.DIRECTORY_NOT_EMPTY, () -> FilePath.shown(target.toString()) + " is not empty");
                case File f when node instanceof Directory -> throw FileErrors.notDirectory(target.toString());
                default -> { }
            }
            entries--;
            if (replaced instanceof File f) {
                bytes -= f.length;
                f.unlinked = true;
            }
        }
        fromParent.children.remove(source.lastName());
        toParent.children.put(target.lastName(), node);
        fromParent.modified = toParent.modified = clock.getAsLong();
    }

    @Override
    public void truncate(String path, long size) {
        var p = FilePath.parse(path);
        if (size < 0) throw new KernelException(ErrorCode.INVALID_ARGUMENT, () -> "truncate " + p + " to " + size);
        if (!(resolve(p) instanceof File f)) throw FileErrors.isDirectory(p.toString());
        resize(f, size);
    }

    private static boolean isInside(FilePath inner, FilePath outer) {
        var a = inner.names();
        var b = outer.names();
        return a.size() >= b.size() && a.subList(0, b.size()).equals(b);
    }

    private FileStat stat(String name, Node node) {
        return switch (node) {
            case Directory d -> new FileStat(name, true, 0, d.modified);
            case File f -> new FileStat(name, false, f.length, f.modified);
        };
    }

    private Directory parentOf(FilePath p) {
        Node here = root;
        var names = p.names();
        for (int i = 0; i < names.size() - 1; i++) {
            if (!(here instanceof Directory d)) throw FileErrors.notDirectory("/" + String.join("/", names.subList(0, i)));
            here = d.children.get(names.get(i));
            if (here == null) throw FileErrors.missing("/" + String.join("/", names.subList(0, i + 1)));
        }
        if (!(here instanceof Directory d)) throw FileErrors.notDirectory("/" + String.join("/", names.subList(0, names.size() - 1)));
        return d;
    }

    private Node resolve(FilePath p) {
        if (p.isRoot()) return root;
        var node = parentOf(p).children.get(p.lastName());
        if (node == null) throw FileErrors.missing(p.toString());
        if (node instanceof File && p.directoryExpected()) throw FileErrors.notDirectory(p.toString());
        return node;
    }

    private void countEntry(FilePath p) {
        if (entries >= maxEntries) {
            throw new KernelException(ErrorCode.OUT_OF_DISK, () -> "cannot make " + p + ": " + describe() + " holds " + maxEntries + " entries, its limit");
        }
        entries++;
    }

    private void resize(File f, long size) {
        if (size == f.length) return;
        long grow = size - f.length;
        if (grow > 0 && (bytes + grow > maxBytes || size > Integer.MAX_VALUE - 8)) {
            throw new KernelException(ErrorCode.OUT_OF_DISK, () -> describe() + " would hold more than " + maxBytes + " bytes");
        }
        if (size > f.data.length) f.data = Arrays.copyOf(f.data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(size, f.data.length * 2L)));
        else if (size < f.length) Arrays.fill(f.data, (int) size, f.length, (byte) 0);
        if (!f.unlinked) bytes += grow;
        f.length = (int) size;
        f.modified = clock.getAsLong();
    }

    private sealed interface Node permits Directory, File {}

    private static final class Directory implements Node {
        final TreeMap<String, Node> children = new TreeMap<>();
        long modified;
    }

    private static final class File implements Node {
        byte[] data = new byte[0];
        int length;
        long modified;
        boolean unlinked;

        File(long modified) { this.modified = modified; }
    }

    private final class MemoryOpenFile extends PositionedFile {
        private final File file;

        MemoryOpenFile(String path, OpenMode mode, File file) {
            super(path, mode);
            this.file = file;
        }

        @Override
        protected int fetch(long position, byte[] buffer, int offset, int length) {
            if (position >= file.length) return 0;
            int count = (int) Math.min(length, file.length - position);
            System.arraycopy(file.data, (int) position, buffer, offset, count);
            return count;
        }

        @Override
        protected void store(long position, byte[] buffer, int offset, int length) {
            long end = position + length;
            if (end > file.length) resize(file, end);
            System.arraycopy(buffer, offset, file.data, (int) position, length);
            file.modified = clock.getAsLong();
        }

        @Override
        protected long length() { return file.length; }

        @Override
        protected void cut(long size) { resize(file, size); }
    }
}
