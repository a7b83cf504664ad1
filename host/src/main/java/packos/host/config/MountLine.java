package packos.host.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import packos.host.files.ConfinedDirectory;
import packos.kernel.KernelException;
import packos.lib.fs.FilePath;
import packos.lib.fs.Mount;
import packos.lib.fs.MountSource;

/**
 * One {@code mount=PATH=SOURCE} of a process line. SOURCE is what the library's {@link Mount}
 * parses (the code tree, memory, remote file systems) or {@code dir:DIR}: a host directory the
 * host reads and writes for the process, confined beneath it ({@link ConfinedDirectory}). The
 * directory is a capability the boot config grants, as a device is: a program never names host
 * files itself, and only a config file (not a built-in image) may name one, relative to the file.
 *
 * @param path      the mount point, canonical
 * @param source    the source as written
 * @param directory for {@code dir:}, the host directory, absolute
 * @param readOnly  for {@code dir:}, whether {@code ,ro} followed it
 */
public record MountLine(String path, String source, Optional<Path> directory, boolean readOnly) {
    static final String DIR = "dir:";
    static final String READ_ONLY = ",ro";

    /**
     * @param configDirectory the config file's directory; empty for a built-in image, which may not name host directories
     * @throws IllegalArgumentException saying what is wrong
     */
    static MountLine parse(String text, Optional<Path> configDirectory) {
        int eq = text.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("expected PATH=SOURCE, such as /data=memory or /data=dir:files");
        String path;
        try {
            path = FilePath.parse(text.substring(0, eq)).toString();
        } catch (KernelException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        var source = text.substring(eq + 1);
        if (source.startsWith(DIR)) {
            var dir = source.substring(DIR.length());
            boolean readOnly = dir.endsWith(READ_ONLY);
            if (readOnly) dir = dir.substring(0, dir.length() - READ_ONLY.length());
            if (dir.isEmpty()) throw new IllegalArgumentException("dir: names no directory");
            if (configDirectory.isEmpty()) {
                throw new IllegalArgumentException("only a config file may grant a host directory (a built-in image names none)");
            }
            return new MountLine(path, source, Optional.of(configDirectory.get().resolve(dir).toAbsolutePath().normalize()), readOnly);
        }
        try {
            Mount.parse(text);
        } catch (KernelException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return new MountLine(path, source, Optional.empty(), false);
    }

    /**
     * The mount for one life of the process: a fresh host directory handle for {@code dir:}.
     *
     * @throws IOException if the directory is gone or is no directory
     */
    public Mount toMount() throws IOException {
        if (directory.isPresent()) {
            var dir = ConfinedDirectory.open(directory.get(), readOnly, ConfinedDirectory.MAX_OPEN_FILES);
            return new Mount(path, new MountSource.Granted(dir, source));
        }
        return Mount.parse(path + "=" + source);
    }

    public String describe() { return path + "=" + source; }
}
