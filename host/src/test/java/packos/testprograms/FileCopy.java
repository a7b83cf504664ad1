package packos.testprograms;

import packos.lib.Process;
import packos.lib.Program;
import packos.lib.fs.OpenMode;

/**
 * Copies argument 0 to argument 1 through its namespace in chunks of argument 2 bytes (65536),
 * then prints {@code copied N bytes in T ms of machine time}.
 */
public final class FileCopy implements Program {
    @Override
    public void main(Process self) {
        var files = self.files();
        int chunk = Integer.parseInt(self.arg(2, "65536"));
        long start = self.now();
        long total = 0;
        try (var in = files.open(self.arg(0, "")); var out = files.open(self.arg(1, ""), OpenMode.REPLACE)) {
            var buffer = new byte[chunk];
            for (int n; (n = in.read(buffer, 0, chunk)) != -1; ) {
                out.write(buffer, 0, n);
                total += n;
            }
            out.sync();
        }
        self.print("copied " + total + " bytes in " + (self.now() - start) / 1_000_000 + " ms of machine time");
    }
}
