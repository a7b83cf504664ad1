package packos.samples.httpd;

import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.fs.FileSystem;

/**
 * The files a server publishes: a {@link FileSystem} (the image's code tree) seen through URL
 * paths. A directory is served by its index.html; a directory named without its trailing '/' is
 * redirected to it, so that the relative links of its index resolve against the directory and not
 * its parent. There are no directory listings.
 */
public final class Docroot {
    public static final String INDEX = "index.html";

    /** What a path names. */
    public sealed interface Resource permits File, Redirect, Missing {}

    /** A file to send: its path in the file system and its length. */
    public record File(String path, long size) implements Resource {}

    /** The client should ask for {@code location} instead (a directory's path with its '/'). */
    public record Redirect(String location) implements Resource {}

    public record Missing(String why) implements Resource {}

    private final FileSystem files;

    public Docroot(FileSystem files) { this.files = files; }

    public FileSystem files() { return files; }

    /** Looks up a path from {@link RequestTarget}: already decoded, starting with '/', free of "..". */
    public Resource lookup(RequestTarget.DocrootPath target) {
        String path = target.path();
        try {
            if (files.isDirectory(path)) {
                if (!target.directory()) return new Redirect(path + "/");
                String index = path.equals("/") ? "/" + INDEX : path + "/" + INDEX;
                if (files.exists(index) && !files.isDirectory(index)) return new File(index, files.size(index));
                return new Missing("directory " + path + " has no " + INDEX);
            }
            if (target.directory() || !files.exists(path)) return new Missing("no file " + path);
            return new File(path, files.size(path));
        } catch (KernelException e) {
            // A name the file system cannot hold (a control character, a name too long) names nothing in it.
            if (e.code() == ErrorCode.INVALID_ARGUMENT || e.code() == ErrorCode.DOES_NOT_EXIST || e.code() == ErrorCode.IS_NOT_DIRECTORY) {
                return new Missing(e.getMessage());
            }
            throw e;
        }
    }
}
