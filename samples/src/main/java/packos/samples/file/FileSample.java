package packos.samples.file;

import java.nio.charset.StandardCharsets;
import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.fs.dumbfs.DumbFs;
import packos.lib.fs.dumbfs.DumbFsClient;

/**
 * The original's {@code samples/file}: opens DumbFS at the host (argument 0, its address; the user
 * network's fd00:7e8f::1, port 5002) and reads FILE (argument 1, {@code foo.txt}) in 512-byte
 * chunks, printing each one, until the end of the file; then says so. Every request and reply
 * goes through the router, the RTL8139 driver and the card.
 */
public final class FileSample implements Program {
    static final int CHUNK = 512;

    @Override
    public void main(Process self) {
        var server = Address.parse(self.arg(0, "fd00:7e8f::1"));
        var path = self.arg(1, "foo.txt");
        var dumbfs = new DumbFsClient(self, server, DumbFs.PORT, (int) self.sys().random());
        try (var file = dumbfs.open(path)) {
            var buffer = new byte[CHUNK];
            for (int n; (n = file.read(buffer, 0, CHUNK)) != -1; ) {
                self.print("fileProcess(): FileRead(): read " + n + " bytes: " + new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            self.print("fileProcess(): end of file");
        } finally {
            dumbfs.close();
        }
    }
}
