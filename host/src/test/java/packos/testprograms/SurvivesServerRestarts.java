package packos.testprograms;

import java.util.Arrays;
import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.fs.MountSource;
import packos.lib.fs.OpenMode;
import packos.lib.ninep.NinePClient;

/**
 * Writes a file to the file server (argument 0) over 9P, syncs it, then reads it back argument 1
 * times while the server faults and restarts under it (its boot config injects faults), checking
 * every byte each time: {@code read back N times byte-exact across R reconnections}.
 */
public final class SurvivesServerRestarts implements Program {
    @Override
    public void main(Process self) {
        var client = (NinePClient) self.mount("/srv", new MountSource.NineP(Address.parse(self.arg(0, "")), 564, "/"));
        int rounds = Integer.parseInt(self.arg(1, "20"));
        var files = self.files();
        var bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 131 + (i >>> 9));
        try (var out = files.open("/srv/data/kept.bin", OpenMode.REPLACE)) {
            out.write(bytes);
            out.sync();
        }
        for (int i = 0; i < rounds; i++) {
            if (!Arrays.equals(bytes, files.readAll("/srv/data/kept.bin"))) throw new IllegalStateException("round " + i + ": the bytes changed");
        }
        self.print("read back " + rounds + " times byte-exact across " + client.reconnects() + " reconnections");
    }
}
