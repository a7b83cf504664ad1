package packos.lib.fs;

import java.util.List;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.fs.CodeTree.Directory;
import packos.lib.fs.CodeTree.File;
import packos.lib.fs.CodeTree.Node;

/**
 * The read-only file system over an image's {@link CodeTree}. Each process has one of its own over
 * the image's one tree; the tree cannot change, so nothing a process does here reaches another.
 */
public final class CodeFileSystem implements FileSystem {
    private final CodeTree tree;

    public CodeFileSystem(CodeTree tree) {
        if (tree == null) throw new IllegalArgumentException("no tree");
        this.tree = tree;
    }

    @Override
    public OpenFile open(String path, OpenMode mode) {
        var p = FilePath.parse(path);
        if (mode == null) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "no open mode for " + quoted(p));
        if (mode.writes()) {
            throw new KernelException(ErrorCode.READ_ONLY_FILESYSTEM,
                    () -> "cannot open " + quoted(p) + " for " + mode + ": " + treeName() + " is read-only");
        }
        return switch (resolve(p)) {
            case File f -> new CodeOpenFile(p.toString(), f);
            case Directory _ -> throw isDirectory(p);
        };
    }

    @Override
    public FileStat stat(String path) {
        var p = FilePath.parse(path);
        return switch (resolve(p)) {
            case File f -> new FileStat(p.lastName(), false, f.size(), 0);
            case Directory _ -> new FileStat(p.lastName(), true, 0, 0);
        };
    }

    @Override
    public String describe() { return treeName(); }

    @Override
    public long size(String path) {
        var p = FilePath.parse(path);
        return switch (resolve(p)) {
            case File f -> f.size();
            case Directory _ -> throw isDirectory(p);
        };
    }

    @Override
    public List<DirectoryEntry> list(String directory) {
        var p = FilePath.parse(directory);
        return switch (resolve(p)) {
            case Directory d -> d.list();
            case File _ -> throw new KernelException(ErrorCode.IS_NOT_DIRECTORY, () -> "cannot list " + quoted(p) + ": it is a file");
        };
    }

    @Override
    public boolean exists(String path) {
        return lookup(FilePath.parse(path)) != null;
    }

    @Override
    public boolean isDirectory(String path) {
        return lookup(FilePath.parse(path)) instanceof Directory;
    }

    @Override
    public byte[] readAll(String path) {
        var p = FilePath.parse(path);
        return switch (resolve(p)) {
            case File f -> f.copyAll();
            case Directory _ -> throw isDirectory(p);
        };
    }

    /** The node a path names, or null if it names nothing (a file on the way included). */
    private Node lookup(FilePath p) {
        try {
            return resolve(p);
        } catch (KernelException e) {
            if (e.code() == ErrorCode.DOES_NOT_EXIST || e.code() == ErrorCode.IS_NOT_DIRECTORY) return null;
            throw e;
        }
    }

    /** The node a path names, walking down from the root. */
    private Node resolve(FilePath p) {
        Node here = tree.root();
        var names = p.names();
        for (int i = 0; i < names.size(); i++) {
            if (!(here instanceof Directory directory)) {
                var file = prefix(names, i);
                throw new KernelException(ErrorCode.IS_NOT_DIRECTORY, () -> "no " + quoted(p) + ": '" + file + "' is a file, not a directory");
            }
            here = directory.child(names.get(i));
            if (here == null) {
                var missing = prefix(names, i + 1);
                throw new KernelException(ErrorCode.DOES_NOT_EXIST, () -> "no '" + missing + "' in " + treeName()
                        + (missing.equals(p.toString()) ? "" : " (looking up " + quoted(p) + ")"));
            }
        }
        if (p.directoryExpected() && here instanceof File) {
            throw new KernelException(ErrorCode.IS_NOT_DIRECTORY, () -> quoted(p) + " is a file, but the path ends in '/'");
        }
        return here;
    }

    private KernelException isDirectory(FilePath p) {
        return new KernelException(ErrorCode.IS_DIRECTORY, () -> quoted(p) + " is a directory (list it, or name a file in it)");
    }

    private String treeName() {
        return tree.isAbsent() ? "this image's code tree (the image has none: its boot config gives no codefs=)" : "code tree " + tree.origin();
    }

    private static String prefix(List<String> names, int count) { return "/" + String.join("/", names.subList(0, count)); }

    /** A checked path holds no control characters or quotes to escape. */
    private static String quoted(FilePath p) { return "'" + p + "'"; }
}
