package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.testprograms.CountingProgram;

/** docs/ARCHITECTURE.md section 5: each process loads its program's classes afresh, so statics are its own. */
@Timeout(60)
class ProcessIsolationTest {
    @Test
    void processesRunningTheSameProgramEachHaveTheirOwnStaticsAndClassLoader(@TempDir Path dir) throws Exception {
        var file = PackosCommand.config(dir, "counting.boot",
                "machine cpus=1 clock=virtual",
                "process name=one program=" + CountingProgram.class.getName(),
                "process name=two program=" + CountingProgram.class.getName(),
                "process name=three program=" + CountingProgram.class.getName());
        var expected = List.of(
                "[one] runs=1 loader=process:one",
                "[two] runs=1 loader=process:two",
                "[three] runs=1 loader=process:three");
        // Twice in one JVM: nothing of the first run's statics survives into the second.
        for (int attempt = 1; attempt <= 2; attempt++) {
            var run = PackosCommand.run("run", file.toString());
            assertEquals(0, run.status(), run::transcript);
            assertEquals(expected, run.outLines().stream().filter(l -> l.contains("runs=")).toList(), run::transcript);
        }
    }
}
