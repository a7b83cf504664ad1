package packos.host.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.fs.DirectoryEntry;
import packos.lib.fs.FilePath;
import packos.lib.fs.FileStat;
import packos.lib.fs.FileSystem;
import packos.lib.fs.OpenFile;
import packos.lib.fs.OpenMode;
import packos.lib.fs.PositionedFile;

/**
 * A host directory as a PackOS file system, confined beneath it: the host, not a program, touches
 * the files, for the DumbFS server and for a process granted {@code mount=PATH=dir:DIR}. A path is
 * a {@link FilePath} (plain names only: no "..", no ".", no NUL, no absolute path, no backslash,
 * names of at most 255 characters), and every name on the way is looked at without following
 * links: a symbolic link anywhere is ACCESS_DENIED, so nothing leads outside; files are opened
 * with NOFOLLOW_LINKS too. Open files are bounded ({@link #MAX_OPEN_FILES} unless told).
 *
 * <p>What it cannot stop: someone with a shell on the host who swaps a directory for a link
 * between the check and the open. The directory must not be writable by anyone the server does
 * not trust.
 */
public final class ConfinedDirectory implements FileSystem, AutoCloseable {
    public static final int MAX_OPEN_FILES = 256;
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;
    private final boolean readOnly;
    private final int maxOpenFiles;
    private final Set<HostFile> open = new HashSet<>();

    private ConfinedDirectory(Path root, boolean readOnly, int maxOpenFiles) {
        this.root = root;
        this.readOnly = readOnly;
        this.maxOpenFiles = maxOpenFiles;
    }

    /**
     * @throws IOException naming the directory if it is missing or not a directory
     */
    public static ConfinedDirectory open(Path directory, boolean readOnly, int maxOpenFiles) throws IOException {
        var real = directory.toRealPath();
        if (!Files.isDirectory(real)) throw new NotDirectoryException(directory.toString());
        return new ConfinedDirectory(real, readOnly, maxOpenFiles);
    }

    public static ConfinedDirectory open(Path directory) throws IOException { return open(directory, false, MAX_OPEN_FILES); }

    public Path root() { return root; }

    @Override
    public String describe() { return "host directory " + root; }

    /**
     * Closes every file still open: the process that held them ended (a fault ends a life without
     * closing anything), and its host file descriptors must not outlive it.
     */
    @Override
    public void close() {
        List<HostFile> left;
        synchronized (this) {
            left = List.copyOf(open);
        }
        for (var f : left) f.close();
    }

    /** Files open now. */
    public synchronized int openFiles() { return open.size(); }

    @Override
    public synchronized OpenFile open(String path, OpenMode mode) {
        if (mode == null) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "no open mode");
        var p = FilePath.parse(path);
        if (mode.writes()) checkWritable("open " + mode, p);
        if (open.size() >= maxOpenFiles) {
            throw new KernelException(ErrorCode.TOO_MANY_OPEN_FILES, () -> "cannot open " + p + ": " + maxOpenFiles + " files are open already");
        }
        if (p.isRoot()) throw new KernelException(ErrorCode.IS_DIRECTORY, "'/' is a directory");
        var file = resolve(p);
        var options = new HashSet<OpenOption>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        if (mode.read()) options.add(StandardOpenOption.READ);
        if (mode.write()) options.add(StandardOpenOption.WRITE);
        if (mode.append()) options.add(StandardOpenOption.APPEND);
        if (mode.truncate()) options.add(StandardOpenOption.TRUNCATE_EXISTING);
        if (mode.create()) options.add(mode.exclusive() ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        try {
            var attributes = attributesOrNull(file);
            if (attributes != null && attributes.isDirectory()) throw new KernelException(ErrorCode.IS_DIRECTORY, () -> p + " is a directory");
            if (attributes != null && !attributes.isRegularFile()) throw notPlain(p);
            if (p.directoryExpected()) throw new KernelException(ErrorCode.IS_NOT_DIRECTORY, () -> p + " ends in '/'");
            var channel = FileChannel.open(file, options);
            var handle = new HostFile(p.toString(), mode, channel);
            open.add(handle);
            return handle;
        } catch (IOException e) {
            throw refusal(e, p);
        }
    }

    @Override
    public FileStat stat(String path) {
        var p = FilePath.parse(path);
        var file = resolve(p);
        try {
            var a = Files.readAttributes(file, BasicFileAttributes.class, NO_FOLLOW);
            if (a.isSymbolicLink() || !(a.isDirectory() || a.isRegularFile())) throw notPlain(p);
            if (p.directoryExpected() && !a.isDirectory()) throw new KernelException(ErrorCode.IS_NOT_DIRECTORY, () -> p + " is a file");
            return new FileStat(p.lastName(), a.isDirectory(), a.isDirectory() ? 0 : a.size(), a.lastModifiedTime().toMillis() / 1000);
        } catch (IOException e) {
            throw refusal(e, p);
        }
    }

    /** Entries that are plain files and directories (links and devices are left out: they are not served). */
    @Override
    public List<DirectoryEntry> list(String directory) {
        var p = FilePath.parse(directory);
        var dir = resolve(p);
        var entries = new ArrayList<DirectoryEntry>();
        try (var stream = Files.newDirectoryStream(dir)) {
            for (var child : stream) {
                String name = child.getFileName().toString();
                if (FilePath.whyNotAName(name) != null) continue;
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(child, BasicFileAttributes.class, NO_FOLLOW);
                } catch (IOException gone) {
                    continue;  // deleted while listed
                }
                if (a.isDirectory()) entries.add(new DirectoryEntry(name, true, 0));
                else if (a.isRegularFile()) entries.add(new DirectoryEntry(name, false, a.size()));
            }
        } catch (IOException e) {
            throw refusal(e, p);
        }
        entries.sort(Comparator.comparing(DirectoryEntry::name));
        return List.copyOf(entries);
    }

    @Override
    public void mkdir(String path) {
        var p = FilePath.parse(path);
        checkWritable("make directory", p);
        try {
            Files.createDirectory(resolve(p));
        } catch (IOException e) {
            throw refusal(e, p);
        }
    }

    @Override
    public void delete(String path) {
        var p = FilePath.parse(path);
        checkWritable("delete", p);
        if (p.isRoot()) throw new KernelException(ErrorCode.ACCESS_DENIED, "the root cannot be deleted");
        var file = resolve(p);
        try {
            if (p.directoryExpected() && !Files.isDirectory(file, NO_FOLLOW)) throw new KernelException(ErrorCode.IS_NOT_DIRECTORY, () -> p + " is a file");
            Files.delete(file);
        } catch (IOException e) {
            throw refusal(e, p);
        }
    }

    @Override
    public void rename(String from, String to) {
        var a = FilePath.parse(from);
        var b = FilePath.parse(to);
        checkWritable("rename", a);
        if (a.isRoot() || b.isRoot()) throw new KernelException(ErrorCode.ACCESS_DENIED, "the root cannot be renamed, nor replaced");
        var source = resolve(a);
        var target = resolve(b);
        try {
            if (!Files.exists(source, NO_FOLLOW)) throw new NoSuchFileException(a.toString());
            var replaced = attributesOrNull(target);
            if (replaced != null && replaced.isDirectory() && !Files.isDirectory(source, NO_FOLLOW)) {
                throw new KernelException(ErrorCode.IS_DIRECTORY, () -> b + " is a directory");
            }
            // rename(2): atomic, replaces a file or an empty directory, never follows a link at the target.
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw refusal(e, a);
        }
    }

    @Override
    public void truncate(String path, long size) {
        try (var f = open(path, OpenMode.WRITE)) {
            f.truncate(size);
        }
    }

    /** The host path of a checked path, every directory on the way checked to be a directory and no link. */
    private Path resolve(FilePath p) {
        var here = root;
        var names = p.names();
        for (int i = 0; i < names.size(); i++) {
            here = here.resolve(names.get(i));
            if (i == names.size() - 1) break;
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(here, BasicFileAttributes.class, NO_FOLLOW);
            } catch (IOException e) {
                throw refusal(e, p);
            }
            if (a.isSymbolicLink()) throw notPlain(p);
            if (!a.isDirectory()) {
                var on = "/" + String.join("/", names.subList(0, i + 1));
                throw new KernelException(ErrorCode.IS_NOT_DIRECTORY, () -> on + " on the way to " + p + " is a file");
            }
        }
        if (!names.isEmpty()) {
            var last = attributesOrNull(here);
            if (last != null && last.isSymbolicLink()) throw notPlain(p);
        }
        return here;
    }

    private static BasicFileAttributes attributesOrNull(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, NO_FOLLOW);
        } catch (IOException e) {
            return null;
        }
    }

    private void checkWritable(String what, FilePath p) {
        if (readOnly) throw new KernelException(ErrorCode.READ_ONLY_FILESYSTEM, () -> "cannot " + what + " " + p + ": " + describe() + " is served read-only");
    }

    private static KernelException notPlain(FilePath p) {
        return new KernelException(ErrorCode.ACCESS_DENIED, () -> p + " is a symbolic link or a special file: only plain files and directories are served");
    }

    /** The PackOS error for a host I/O failure; the message names the PackOS path, never the host's. */
    static KernelException refusal(IOException e, FilePath p) {
        return switch (e) {
            case NoSuchFileException _ -> new KernelException(ErrorCode.DOES_NOT_EXIST, () -> "no " + p);
            case FileAlreadyExistsException _ -> new KernelException(ErrorCode.ALREADY_EXISTS, () -> p + " already exists");
            case DirectoryNotEmptyException _ -> new KernelException(ErrorCode.DIRECTORY_NOT_EMPTY, () -> p + " is a directory that is not empty");
            case NotDirectoryException _ -> new KernelException(ErrorCode.IS_NOT_DIRECTORY, () -> p + ": not a directory");
            case AccessDeniedException _ -> new KernelException(ErrorCode.ACCESS_DENIED, () -> p + ": permission denied");
            case FileSystemException f -> {
                String reason = String.valueOf(f.getReason());
                var code = reason.contains("Is a directory") ? ErrorCode.IS_DIRECTORY
                        : reason.contains("Not a directory") ? ErrorCode.IS_NOT_DIRECTORY
                        : reason.contains("No space") || reason.contains("quota") ? ErrorCode.OUT_OF_DISK
                        : reason.contains("Read-only") ? ErrorCode.READ_ONLY_FILESYSTEM
                        : reason.contains("too long") ? ErrorCode.NAME_TOO_LONG
                        : reason.contains("symbolic links") ? ErrorCode.ACCESS_DENIED
                        : ErrorCode.ACCESS_DENIED;
                yield new KernelException(code, () -> p + ": " + reason);
            }
            default -> new KernelException(ErrorCode.ACCESS_DENIED, () -> p + ": " + e.getClass().getSimpleName());
        };
    }

    /** A host file open for a PackOS caller. */
    private final class HostFile extends PositionedFile {
        private final FileChannel channel;
        private final FilePath path;

        HostFile(String path, OpenMode mode, FileChannel channel) {
            super(path, mode);
            this.channel = channel;
            this.path = FilePath.parse(path);
        }

        @Override
        protected int fetch(long position, byte[] buffer, int offset, int length) {
            try {
                int n = channel.read(ByteBuffer.wrap(buffer, offset, length), position);
                return Math.max(n, 0);
            } catch (IOException e) {
                throw refusal(e, path);
            }
        }

        @Override
        protected void store(long position, byte[] buffer, int offset, int length) {
            var b = ByteBuffer.wrap(buffer, offset, length);
            try {
                // APPEND channels ignore the position and write at the end, as the mode asks.
                if (mode().append()) while (b.hasRemaining()) channel.write(b);
                else for (long at = position; b.hasRemaining(); ) at += channel.write(b, at);
            } catch (IOException e) {
                throw refusal(e, path);
            }
        }

        @Override
        protected long length() {
            try {
                return channel.size();
            } catch (IOException e) {
                throw refusal(e, path);
            }
        }

        @Override
        protected void cut(long size) {
            try {
                long now = channel.size();
                if (size < now) channel.truncate(size);
                else if (size > now) channel.write(ByteBuffer.allocate(1), size - 1);
            } catch (IOException e) {
                throw refusal(e, path);
            }
        }

        @Override
        protected void flush() {
            try {
                channel.force(true);
            } catch (IOException e) {
                throw refusal(e, path);
            }
        }

        @Override
        protected void release() {
            synchronized (ConfinedDirectory.this) {
                open.remove(this);
            }
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
