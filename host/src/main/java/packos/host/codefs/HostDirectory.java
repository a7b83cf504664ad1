package packos.host.codefs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import packos.kernel.KernelException;
import packos.lib.fs.CodeTree;
import packos.lib.fs.FilePath;

/**
 * What a host directory holds, checked before a byte is read: only regular files and directories
 * (a symbolic link inside could lead out of the tree), only names a program can ask for, and no
 * more than a {@link CodeTree} may hold. The directory itself may be a link: that is the user's choice.
 */
final class HostDirectory {
    /** A file or directory under the root, by its '/'-separated path from the root. */
    record Item(String path, Path file, boolean directory, long size) {}

    private final Path root;
    private final List<Item> items = new ArrayList<>();
    private long bytes;

    private HostDirectory(Path root) { this.root = root; }

    /** The files and directories under {@code root}, sorted by path. */
    static List<Item> walk(Path root) throws CodeTreeException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(root, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new CodeTreeException("no directory " + root + " (expected a directory; a relative path is relative to the config file's directory)");
        } catch (IOException e) {
            throw unreadable(root, e);
        }
        if (!attributes.isDirectory()) throw new CodeTreeException(root + " is not a directory (expected a directory of files to serve as the tree)");
        var walk = new HostDirectory(root);
        walk.under(root, "");
        walk.items.sort(Comparator.comparing(Item::path));
        return List.copyOf(walk.items);
    }

    private void under(Path directory, String prefix) throws CodeTreeException {
        var children = new ArrayList<Path>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            throw unreadable(directory, e);
        } catch (DirectoryIteratorException e) {
            throw unreadable(directory, e.getCause());
        }
        // In name order, so that the first problem reported is the same on every host.
        children.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path child : children) {
            String path = prefix + child.getFileName().toString();
            check(child, path);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw unreadable(child, e);
            }
            if (attributes.isSymbolicLink()) {
                throw new CodeTreeException(child + " is a symbolic link (expected only files and directories, so that nothing leads out of the tree)");
            }
            if (attributes.isDirectory()) {
                add(new Item(path, child, true, 0));
                under(child, path + "/");
            } else if (attributes.isRegularFile()) {
                add(new Item(path, child, false, attributes.size()));
            } else {
                throw new CodeTreeException(child + " is neither a file nor a directory (expected only files and directories)");
            }
        }
    }

    private void check(Path child, String path) throws CodeTreeException {
        try {
            FilePath.parse(path);
        } catch (KernelException e) {
            throw new CodeTreeException(child + " has a name no program could ask for: " + e.getMessage());
        }
    }

    private void add(Item item) throws CodeTreeException {
        if (items.size() == CodeTree.MAX_ENTRIES) {
            throw new CodeTreeException(root + " holds more than " + CodeTree.MAX_ENTRIES + " files and directories (expected at most "
                    + CodeTree.MAX_ENTRIES + ")");
        }
        bytes += item.size();
        if (bytes > CodeTree.MAX_BYTES) throw tooLarge(root.relativize(item.file()).toString(), root.toString());
        items.add(item);
    }

    /** The error for a tree past {@link CodeTree#MAX_BYTES}, naming the file that took it there. */
    static CodeTreeException tooLarge(String file, String tree) {
        return new CodeTreeException(tree + " holds more than " + CodeTree.MAX_BYTES + " bytes of files, the limit, by " + file
                + " (expected at most " + (CodeTree.MAX_BYTES >> 20) + " MiB in all)");
    }

    /** An I/O error as a sentence naming the file, not a bare exception. */
    static CodeTreeException unreadable(Path file, IOException e) {
        String why = switch (e) {
            case AccessDeniedException _ -> "permission denied";
            case NoSuchFileException _ -> "it vanished while being read";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
        return new CodeTreeException("cannot read " + file + ": " + why);
    }
}
