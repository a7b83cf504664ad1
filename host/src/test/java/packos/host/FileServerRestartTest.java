package packos.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.testprograms.SurvivesServerRestarts;

/**
 * Nothing lost: a file written and synced through the PackOS file server, whose data/ is a host
 * directory, is read back intact while the server faults and is restarted again and again
 * (injected faults, in virtual time), the client reconnecting each time.
 */
@Timeout(300)
class FileServerRestartTest {
    @TempDir
    Path dir;

    @Test
    void aSyncedWriteSurvivesTheServerFaultingAndRestartingAndTheClientReconnects() throws Exception {
        Files.createDirectory(dir.resolve("data"));
        var config = PackosCommand.config(dir, "restart.boot",
                "machine cpus=1 clock=virtual seed=3",
                "process name=fs program=packos.system.files.FileServer arg=564 mount=/data=dir:data daemon=yes reports-init=yes"
                        + " restart=on-failure max-restarts=100000 within=1 inject-faults=0.3%",
                "process name=check program=" + SurvivesServerRestarts.class.getName() + " arg=fd00:7e8e::3 arg=30 after=fs");
        var run = PackosCommand.run("run", config.toString(), "--timeout", "240");
        assertEquals(0, run.status(), run::transcript);
        var verdict = run.outLines().stream().filter(l -> l.startsWith("[check] read back 30 times byte-exact across ")).findFirst();
        assertTrue(verdict.isPresent(), run::transcript);
        int reconnections = Integer.parseInt(verdict.get().split(" ")[7]);
        long faults = run.outLines().stream().filter(l -> l.startsWith("[scheduler] process fs faulted")).count();
        assertTrue(faults > 0 && reconnections > 0, () -> faults + " faults, " + reconnections + " reconnections\n" + run.transcript());
        var expected = new byte[200_000];
        for (int i = 0; i < expected.length; i++) expected[i] = (byte) (i * 131 + (i >>> 9));
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("data/kept.bin")));
    }
}
