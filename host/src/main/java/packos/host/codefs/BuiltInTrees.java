package packos.host.codefs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import packos.kernel.KernelException;
import packos.lib.fs.CodeTree;

/**
 * The code trees that ship with PackOS: resources {@code packos/codefs/NAME/...} on the class
 * path (the samples jar), each listed by its {@link CodeTreeIndex} {@code packos/codefs/NAME.index},
 * and the trees' names in {@code packos/codefs/index.txt}.
 */
public final class BuiltInTrees {
    static final String DIRECTORY = "packos/codefs/";

    private final ClassLoader source;

    public BuiltInTrees(ClassLoader source) { this.source = source; }

    public List<String> names() throws IOException {
        try (InputStream in = source.getResourceAsStream(DIRECTORY + "index.txt")) {
            if (in == null) return List.of();
            var names = new ArrayList<String>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) names.add(line.strip());
            }
            return names;
        }
    }

    /** The tree called {@code name}, every file read and checked against its index. */
    CodeTree read(String name) throws CodeTreeException {
        String indexName = DIRECTORY + name + ".index";
        var index = CodeTreeIndex.parse(indexName, resource(indexName, () -> noSuchTree(name)));
        long total = 0;
        for (var entry : index.entries()) {
            total += entry.size();
            if (total > CodeTree.MAX_BYTES) throw HostDirectory.tooLarge(entry.path(), "built-in tree " + name);
        }
        var builder = CodeTree.builder(name);
        for (var entry : index.entries()) {
            String resourceName = DIRECTORY + name + "/" + entry.path();
            byte[] contents = bytes(resourceName, () -> new CodeTreeException(indexName + " lists " + entry.path()
                    + ", which is not on the class path as " + resourceName + " (expected the index to match the tree)"));
            if (contents.length != entry.size()) {
                throw new CodeTreeException(resourceName + " is " + contents.length + " bytes but " + indexName + " says "
                        + entry.size() + " (expected the index to match the tree: regenerate it)");
            }
            try {
                builder.file(entry.path(), contents);
            } catch (KernelException e) {
                throw new CodeTreeException(indexName + ": " + e.getMessage());
            }
        }
        return builder.build();
    }

    private CodeTreeException noSuchTree(String name) {
        String known;
        try {
            known = String.join(", ", names());
        } catch (IOException e) {
            known = "unknown: " + e.getMessage();
        }
        return new CodeTreeException("no built-in tree is called " + name + " (expected one of: " + known + ")");
    }

    private String resource(String resourceName, Supplier<CodeTreeException> missing) throws CodeTreeException {
        return new String(bytes(resourceName, missing), StandardCharsets.UTF_8);
    }

    private byte[] bytes(String resourceName, Supplier<CodeTreeException> missing) throws CodeTreeException {
        try (InputStream in = source.getResourceAsStream(resourceName)) {
            if (in == null) throw missing.get();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CodeTreeException("cannot read resource " + resourceName + ": " + e.getMessage());
        }
    }
}
