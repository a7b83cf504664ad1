package packos.lib.fs;

import java.util.List;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * Two device files, as diod's {@code ctl} tree has them for its load generator (diodload attaches
 * to aname "ctl" and reads "zero", writes "null"): {@code zero} reads as endless zero bytes and
 * takes no writes, {@code null} reads as empty and takes every write, keeping nothing. Mounted
 * with {@code mount=/ctl=devices}, so that a file server can be measured as diod is.
 */
public final class DeviceFileSystem implements FileSystem {
    @Override
    public String describe() { return "devices (zero, null)"; }

    @Override
    public OpenFile open(String path, OpenMode mode) {
        var p = FilePath.parse(path);
        return switch (p.toString()) {
            case "/zero" -> {
                if (mode.writes()) throw new KernelException(ErrorCode.READ_ONLY_FILESYSTEM, "zero takes no writes");
                yield new Device(p.toString(), mode, true);
            }
            case "/null" -> new Device(p.toString(), mode, false);
            case "/" -> throw FileErrors.isDirectory("/");
            default -> throw FileErrors.missing(p.toString());
        };
    }

    @Override
    public FileStat stat(String path) {
        var p = FilePath.parse(path);
        return switch (p.toString()) {
            case "/" -> new FileStat("/", true, 0, 0);
            case "/zero", "/null" -> new FileStat(p.lastName(), false, 0, 0);
            default -> throw FileErrors.missing(p.toString());
        };
    }

    @Override
    public List<DirectoryEntry> list(String directory) {
        if (!FilePath.parse(directory).isRoot()) throw FileErrors.notDirectory(directory);
        return List.of(new DirectoryEntry("null", false, 0), new DirectoryEntry("zero", false, 0));
    }

    private static final class Device extends PositionedFile {
        private final boolean zero;

        Device(String path, OpenMode mode, boolean zero) {
            super(path, mode);
            this.zero = zero;
        }

        @Override
        protected int fetch(long position, byte[] buffer, int offset, int length) {
            if (!zero) return 0;
            java.util.Arrays.fill(buffer, offset, offset + length, (byte) 0);
            return length;
        }

        @Override
        protected void store(long position, byte[] buffer, int offset, int length) {}

        @Override
        protected long length() { return 0; }

        @Override
        protected void cut(long size) {}
    }
}
