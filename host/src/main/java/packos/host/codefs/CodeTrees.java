package packos.host.codefs;

import packos.host.config.BootConfig;
import packos.host.config.BootConfigException;
import packos.host.config.CodeTreeSource;
import java.io.IOException;
import packos.lib.fs.CodeFileSystem;
import packos.lib.fs.CodeTree;
import packos.lib.fs.FileSystem;
import packos.lib.fs.MemoryFileSystem;

/**
 * Reads the code tree a boot config names, once per boot: from the class path for a built-in
 * image, from a directory for a config file. Every problem is a config error on the codefs= line.
 */
public final class CodeTrees {
    private CodeTrees() {}

    /**
     * What a built-in image's {@code user,dumbfs=NAME} serves: a writable copy, in memory, of the
     * built-in tree NAME (a built-in image names no host directory).
     */
    public static FileSystem builtInCopy(String name, ClassLoader resources) throws IOException {
        CodeTree tree;
        try {
            tree = new BuiltInTrees(resources).read(name);
        } catch (CodeTreeException e) {
            throw new IOException("dumbfs=" + name + ": " + e.getMessage(), e);
        }
        var code = new CodeFileSystem(tree);
        var copy = new MemoryFileSystem("dumbfs " + name);
        copyTree(code, copy, "/");
        return copy;
    }

    private static void copyTree(FileSystem from, FileSystem to, String dir) {
        for (var e : from.list(dir)) {
            var path = (dir.equals("/") ? "/" : dir + "/") + e.name();
            if (e.isDirectory()) {
                to.mkdir(path);
                copyTree(from, to, path);
            } else {
                to.writeAll(path, from.readAll(path));
            }
        }
    }

    /** The image's tree, or an empty one if the config names none. */
    public static CodeTree load(BootConfig config, ClassLoader resources) throws BootConfigException {
        if (config.codefs().isEmpty()) return CodeTree.empty();
        var source = config.codefs().get();
        try {
            return switch (source) {
                case CodeTreeSource.BuiltIn b -> new BuiltInTrees(resources).read(b.name());
                case CodeTreeSource.Directory d -> DirectoryTree.read(d.directory(), d.written());
            };
        } catch (CodeTreeException e) {
            throw new BootConfigException(config.source(), source.line(), "image: codefs=" + source.written() + ": " + e.getMessage());
        }
    }
}
