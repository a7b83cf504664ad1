package packos.host.codefs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import packos.kernel.KernelException;
import packos.lib.fs.CodeTree;

/** A code tree read from a directory on the host (a user's config names it with codefs=). */
final class DirectoryTree {
    private DirectoryTree() {}

    /** @param origin how programs' error messages name the tree: the codefs= value as written, not the host path */
    static CodeTree read(Path root, String origin) throws CodeTreeException {
        var builder = CodeTree.builder(origin);
        for (var item : HostDirectory.walk(root)) {
            try {
                if (item.directory()) {
                    builder.directory(item.path());
                } else {
                    builder.file(item.path(), Files.readAllBytes(item.file()));
                }
            } catch (IOException e) {
                throw HostDirectory.unreadable(item.file(), e);
            } catch (KernelException e) {
                // The walk checked names and sizes; a file that grew since is the one way here.
                throw new CodeTreeException(item.file() + ": " + e.getMessage());
            }
        }
        return builder.build();
    }
}
