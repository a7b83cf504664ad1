package packos.lib.fs;

import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * One mount of a process's namespace: a path and what it shows. A boot config writes it
 * {@code mount=PATH=SOURCE} ({@code mount=/=code}, {@code mount=/scratch=memory}).
 */
public record Mount(String path, MountSource source) {
    public Mount {
        path = FilePath.parse(path).toString();
        if (source == null) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "no source for the mount at " + path);
    }

    /** @throws KernelException INVALID_ARGUMENT naming what is wrong */
    public static Mount parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "mount '" + text + "' is not PATH=SOURCE (such as /data=memory)");
        return new Mount(text.substring(0, eq), MountSource.parse(text.substring(eq + 1)));
    }

    public String describe() { return path + "=" + source.describe(); }
}
