package packos.bench.files;

import packos.lib.Process;
import packos.lib.Program;
import packos.lib.fs.OpenMode;

/**
 * The PackOS side of the 9P client rows: reads argument 0 to its end and writes argument 2 bytes
 * to argument 1, in 64 KiB calls through its namespace (a 9P mount), and prints how long each took
 * in machine time (the real clock: host time): {@code read N bytes in T ns}, {@code wrote N bytes in T ns}.
 */
public final class NinePTransfer implements Program {
    static final int CHUNK = 64 * 1024;

    @Override
    public void main(Process self) {
        var files = self.files();
        var buffer = new byte[CHUNK];
        long total = 0;
        long start = self.now();
        try (var in = files.open(self.arg(0, ""))) {
            for (int n; (n = in.read(buffer, 0, CHUNK)) != -1; ) total += n;
        }
        self.print("read " + total + " bytes in " + (self.now() - start) + " ns");
        long bytes = Long.parseLong(self.arg(2, "0"));
        for (int i = 0; i < CHUNK; i++) buffer[i] = (byte) (i * 7);
        start = self.now();
        try (var out = files.open(self.arg(1, ""), OpenMode.REPLACE)) {
            for (long done = 0; done < bytes; done += CHUNK) out.write(buffer, 0, (int) Math.min(CHUNK, bytes - done));
            out.sync();
        }
        self.print("wrote " + bytes + " bytes in " + (self.now() - start) + " ns");
    }
}
