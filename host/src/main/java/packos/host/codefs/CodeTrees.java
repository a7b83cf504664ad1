package packos.host.codefs;

import packos.host.config.BootConfig;
import packos.host.config.BootConfigException;
import packos.host.config.CodeTreeSource;
import packos.lib.fs.CodeTree;

/**
 * Reads the code tree a boot config names, once per boot: from the class path for a built-in
 * image, from a directory for a config file. Every problem is a config error on the codefs= line.
 */
public final class CodeTrees {
    private CodeTrees() {}

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
