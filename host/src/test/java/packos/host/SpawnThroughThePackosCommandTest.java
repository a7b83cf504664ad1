package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.hostile.load.ExitsTheJvm;
import packos.testprograms.CountingProgram;
import packos.testprograms.Spawner;

/**
 * A spawned program goes through the same loader as a booted one: the verifier refuses a hostile
 * program before it runs, and the spawner is told so; an honest one runs with no capability.
 */
@Timeout(60)
class SpawnThroughThePackosCommandTest {
    @Test
    void aSpawnedProgramIsVerifiedLikeABootedOne(@TempDir Path dir) throws Exception {
        var run = PackosCommand.run("run", PackosCommand.config(dir, "spawn.boot",
                "machine cpus=1 clock=virtual",
                "process name=good program=" + Spawner.class.getName() + " arg=" + CountingProgram.class.getName() + " caps=spawn",
                "process name=bad program=" + Spawner.class.getName() + " arg=" + ExitsTheJvm.class.getName() + " caps=spawn").toString());
        assertEquals(0, run.status(), run::transcript);
        assertTrue(run.outLines().stream().anyMatch(l -> l.startsWith("[good] spawned " + CountingProgram.class.getName() + " at fd00:7e8e::")),
                run::transcript);
        assertTrue(run.outLines().contains("[bad] spawn " + ExitsTheJvm.class.getName() + ": DoesNotExist"), run::transcript);
        assertTrue(run.outLines().stream().anyMatch(l -> l.startsWith("[scheduler] bad asked to spawn " + ExitsTheJvm.class.getName() + ": ")
                && l.contains("System.exit")), run::transcript);
    }
}
