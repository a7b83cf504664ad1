package packos.samples.files;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.fs.DirectoryEntry;
import packos.lib.fs.MountSource;
import packos.lib.fs.OpenMode;

/**
 * Mounts the PackOS file server (argument 0, its address; port 564) over the KAN with 9P2000.L at
 * {@code /srv} and works its writable tree: writes files of 0 bytes to 1 MiB of seeded random
 * contents in chunks of odd sizes, renames one, makes and removes a directory, lists, reads every
 * file back and checks every byte, and checks the refusals a read-only code tree and missing names
 * give. Ends with one line: {@code files: ... all correct}, or a fault naming what was wrong.
 */
public final class FilesCheck implements Program {
    static final int[] SIZES = {0, 1, 511, 4096, 65_536, 100_003, 1 << 20};

    @Override
    public void main(Process self) {
        var server = Address.parse(self.arg(0, "fd00:7e8e::3"));
        self.mount("/srv", new MountSource.NineP(server, 564, "/"));
        var files = self.files();
        long seed = self.sys().random();
        long written = 0;
        var names = new ArrayList<String>();
        files.mkdir("/srv/data/check");
        for (int size : SIZES) {
            var name = "f" + size + ".bin";
            try (var out = files.open("/srv/data/check/" + name, OpenMode.REPLACE)) {
                var bytes = contents(seed, size);
                // Odd chunk sizes, so writes straddle the server's iounit.
                for (int at = 0; at < size; ) {
                    int n = Math.min(size - at, 7_777);
                    out.write(bytes, at, n);
                    at += n;
                }
                out.sync();
            }
            names.add(name);
            written += size;
        }
        files.rename("/srv/data/check/f1.bin", "/srv/data/check/renamed.bin");
        names.set(names.indexOf("f1.bin"), "renamed.bin");
        files.mkdir("/srv/data/check/empty");
        files.delete("/srv/data/check/empty");
        var listing = files.list("/srv/data/check").stream().map(DirectoryEntry::name).toList();
        var expected = new ArrayList<>(names);
        expected.sort(null);
        check(listing.equals(expected), "the listing " + listing + " is not " + expected);
        for (int i = 0; i < SIZES.length; i++) {
            var back = files.readAll("/srv/data/check/" + names.get(i));
            check(Arrays.equals(back, contents(seed, SIZES[i])), names.get(i) + " did not read back byte for byte");
            check(files.stat("/srv/data/check/" + names.get(i)).size() == SIZES[i], names.get(i) + " has the wrong size");
        }
        var code = new String(files.readAll("/srv/code/foo.txt"), java.nio.charset.StandardCharsets.UTF_8);
        check(code.equals("foo bar baz\n"), "code/foo.txt reads '" + code + "'");
        refused(ErrorCode.READ_ONLY_FILESYSTEM, () -> files.writeAll("/srv/code/new.txt", new byte[1]));
        refused(ErrorCode.DOES_NOT_EXIST, () -> files.readAll("/srv/data/check/missing"));
        refused(ErrorCode.DIRECTORY_NOT_EMPTY, () -> files.delete("/srv/data/check"));
        refused(ErrorCode.CROSS_FILESYSTEM_MOVE, () -> files.rename("/srv/data/check/renamed.bin", "/elsewhere.bin"));
        self.print("files: " + SIZES.length + " files, " + written + " bytes written over 9P, renamed, listed and read back byte for byte, "
                + "4 refusals as expected: all correct");
    }

    /** {@code size} bytes drawn from a generator seeded by {@code seed} and the size. */
    static byte[] contents(long seed, int size) {
        var b = new byte[size];
        long x = seed ^ (size * 0x9e3779b97f4a7c15L);
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b[i] = (byte) x;
        }
        return b;
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new IllegalStateException(what);
    }

    private static void refused(ErrorCode code, Runnable call) {
        try {
            call.run();
        } catch (KernelException e) {
            if (e.code() == code) return;
            throw new IllegalStateException("expected " + code + ", got " + e.getMessage());
        }
        throw new IllegalStateException("expected " + code + ", got no refusal");
    }

}
