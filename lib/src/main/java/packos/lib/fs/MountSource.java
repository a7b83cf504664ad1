package packos.lib.fs;

import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * What a mount point of a process's namespace shows, as a boot config's {@code mount=PATH=SOURCE}
 * writes it or a program builds it: the image's code tree, a fresh memory tree, or a file system
 * the host grants (a directory, confined beneath it, that the host reads and writes for the
 * process: programs never touch host files themselves).
 */
public sealed interface MountSource {
    /** The text a boot config writes for it. */
    String describe();

    /** The image's read-only code tree ({@code code}). */
    record Code() implements MountSource {
        @Override
        public String describe() { return "code"; }
    }

    /** A writable tree in the process's memory, empty at start, gone when the process ends ({@code memory}). */
    record Memory() implements MountSource {
        @Override
        public String describe() { return "memory"; }
    }

    /** A file system the host made for this process (such as a host directory); {@code text} is how the config wrote it. */
    record Granted(FileSystem system, String text) implements MountSource {
        public Granted {
            if (system == null || text == null) throw new IllegalArgumentException("a granted mount needs its file system and its text");
        }

        @Override
        public String describe() { return text; }
    }

    /**
     * Parses {@code code} or {@code memory}.
     *
     * @throws KernelException INVALID_ARGUMENT naming the text and what was expected
     */
    static MountSource parse(String text) {
        return switch (text) {
            case "code" -> new Code();
            case "memory" -> new Memory();
            default -> throw new KernelException(ErrorCode.INVALID_ARGUMENT, "mount source '" + text + "' is not one of: code, memory");
        };
    }
}
