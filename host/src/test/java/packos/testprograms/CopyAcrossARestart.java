package packos.testprograms;

import packos.lib.Process;
import packos.lib.Program;
import packos.lib.fs.OpenMode;
import packos.lib.ninep.NinePClient;

/**
 * Copies {@code /d/a.bin} to {@code /d/a.copy} on a 9P mount, and half way through syncs, writes
 * {@code /d/ready} and waits until {@code /d/restarted} exists, while the test restarts the server
 * under it: the rest of the copy goes through the same open files, walked again by the client.
 */
public final class CopyAcrossARestart implements Program {
    @Override
    public void main(Process self) {
        var files = self.files();
        var client = (NinePClient) files.mounts().get("/d");
        long size = files.size("/d/a.bin");
        long total = 0;
        boolean paused = false;
        try (var in = files.open("/d/a.bin"); var out = files.open("/d/a.copy", OpenMode.REPLACE)) {
            var buffer = new byte[65536];
            for (int n; (n = in.read(buffer, 0, buffer.length)) != -1; ) {
                out.write(buffer, 0, n);
                total += n;
                if (!paused && total >= size / 2) {
                    paused = true;
                    out.sync();
                    files.writeAll("/d/ready", new byte[] {1});
                    self.print("paused at " + total + " bytes");
                    while (!files.exists("/d/restarted")) self.net().poller().poll(50_000_000L);
                }
            }
            out.sync();
        }
        self.print("copied " + total + " bytes across " + client.reconnects() + " reconnections");
    }
}
