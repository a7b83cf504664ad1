package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.testprograms.FaultingProgram;
import packos.testprograms.SteadyWorker;

/**
 * Mistakes a user makes, and programs that go wrong: each ends with a clear message and the right
 * exit status (2 for bad input, non-zero for a failed run), never a stack trace or a hang.
 */
@Timeout(60)
class RunRejectsBadInputTest {
    /** Exit status picocli and {@code packos run} use for bad input. */
    private static final int USAGE = 2;
    /** The status a run ends with when the --timeout watchdog stops it: a hang. */
    private static final int TIMED_OUT = 124;

    private static void assertNoStackTrace(PackosCommand.Result run) {
        assertFalse(run.out().contains("\tat ") || run.err().contains("\tat "), () -> "a stack trace reached the user\n" + run.transcript());
    }

    @Test
    void unknownImageExitsTwoNamingItAndListingTheImages() {
        var run = PackosCommand.run("run", "nosuchimage");
        assertEquals(USAGE, run.status(), run::transcript);
        assertTrue(run.err().contains("'nosuchimage'"), run::transcript);
        assertTrue(run.err().contains("simple") && run.err().contains("timer"), () -> "the images are not listed\n" + run.transcript());
        assertEquals(1, run.err().lines().count(), run::transcript);
        assertEquals("", run.out(), "nothing booted");
    }

    @Test
    void configFileMistakeExitsTwoWithFileAndLine(@TempDir Path dir) throws Exception {
        var file = PackosCommand.config(dir, "typo.boot",
                "# a process line with a misspelt key",
                "machine cpus=1 clock=virtual",
                "process name=a program=" + SteadyWorker.class.getName() + " dameon=yes");
        var run = PackosCommand.run("run", file.toString());
        assertEquals(USAGE, run.status(), run::transcript);
        assertTrue(run.err().startsWith("packos run: " + file + ":3: "), () -> "no FILE:LINE in the message\n" + run.transcript());
        assertTrue(run.err().contains("'dameon'"), run::transcript);
        assertNoStackTrace(run);
    }

    @Test
    void zeroCpusExitsTwoSayingTheRange() {
        var run = PackosCommand.run("run", "simple", "--cpus", "0");
        assertEquals(USAGE, run.status(), run::transcript);
        assertTrue(run.err().contains("cpus=0 is out of range (expected 1..64)"), run::transcript);
        assertEquals("", run.out(), "nothing booted");
    }

    @Test
    void unknownClockModeExitsTwoWithAUsageMessage() {
        var run = PackosCommand.run("run", "simple", "--clock", "sometimes");
        assertEquals(USAGE, run.status(), run::transcript);
        assertTrue(run.err().contains("--clock") && run.err().contains("'sometimes'"), run::transcript);
        assertTrue(run.err().toLowerCase().contains("real") && run.err().toLowerCase().contains("virtual"),
                () -> "the message does not say what is allowed\n" + run.transcript());
        assertTrue(run.err().contains("Usage: packos run"), run::transcript);
    }

    @Test
    void nonNumericCpusAndNegativeTimeoutExitTwo() {
        for (var args : List.of(List.of("run", "--cpus", "many"), List.of("run", "--timeout", "-1"), List.of("run", "--timeout", "NaN"))) {
            var run = PackosCommand.run(args.toArray(String[]::new));
            assertEquals(USAGE, run.status(), () -> args + "\n" + run.transcript());
            assertEquals("", run.out(), () -> args + " booted anyway");
        }
    }

    @Test
    void processNamingAMissingClassEndsTheRunWithALineNamingTheClass(@TempDir Path dir) throws Exception {
        var file = PackosCommand.config(dir, "ghost.boot",
                "machine cpus=1 clock=virtual",
                "process name=ghost program=packos.testprograms.NoSuchProgram",
                "process name=good program=" + SteadyWorker.class.getName() + " arg=2");
        var run = PackosCommand.run("run", file.toString(), "--timeout", "20");
        assertNotEquals(0, run.status(), run::transcript);
        assertNotEquals(TIMED_OUT, run.status(), () -> "the run hung\n" + run.transcript());
        var mentions = run.outLines().stream().filter(l -> l.contains("packos.testprograms.NoSuchProgram")).toList();
        assertEquals(1, mentions.size(), run::transcript);
        assertTrue(mentions.getFirst().contains("ghost"), () -> "the line does not name the process: " + mentions);
        assertTrue(run.outLines().contains("[good] finished all 2 rounds"), () -> "the other process did not run\n" + run.transcript());
        assertNoStackTrace(run);
    }

    @Test
    void schedulerNamingAMissingClassExitsTwoAndWritesNoCapture(@TempDir Path dir) throws Exception {
        var file = PackosCommand.config(dir, "nosched.boot",
                "machine cpus=1 clock=virtual",
                "scheduler program=packos.testprograms.NoSuchScheduler");
        var pcap = dir.resolve("never.pcapng");
        var run = PackosCommand.run("run", file.toString(), "--pcap", pcap.toString(), "--timeout", "20");
        assertEquals(USAGE, run.status(), run::transcript);
        assertTrue(run.err().contains("packos.testprograms.NoSuchScheduler"), run::transcript);
        assertTrue(run.err().contains(file.toString()), () -> "the message does not name the config\n" + run.transcript());
        assertEquals(1, run.err().lines().count(), run::transcript);
        assertFalse(Files.exists(pcap), "a capture file was left behind by a run that never booted");
    }

    @Test
    void captureFileInAMissingDirectoryExitsTwoNamingTheFile(@TempDir Path dir) {
        var pcap = dir.resolve("no/such/dir/run.pcapng");
        var run = PackosCommand.run("run", "simple", "--pcap", pcap.toString());
        assertEquals(USAGE, run.status(), run::transcript);
        assertTrue(run.err().contains(pcap.toString()), run::transcript);
        assertNoStackTrace(run);
    }

    @Test
    void programThatThrowsIsReportedInOneLineAndTheOthersFinish(@TempDir Path dir) throws Exception {
        var file = PackosCommand.config(dir, "fault.boot",
                "machine cpus=1 clock=virtual",
                "process name=bad program=" + FaultingProgram.class.getName(),
                "process name=good program=" + SteadyWorker.class.getName() + " arg=4");
        var run = PackosCommand.run("run", file.toString(), "--timeout", "20");
        assertEquals(1, run.status(), run::transcript);
        var reports = run.outLines().stream().filter(l -> l.contains("deliberate failure for a test")).toList();
        assertEquals(1, reports.size(), () -> "expected a one-line fault report\n" + run.transcript());
        String report = reports.getFirst();
        assertTrue(report.contains("bad") && report.contains("IllegalStateException"),
                () -> "the report does not name the process and the exception: " + report);
        var lines = run.outLines();
        int finished = lines.indexOf("[good] finished all 4 rounds");
        assertTrue(finished > lines.indexOf(report), () -> "the other process did not carry on after the fault\n" + run.transcript());
        assertNoStackTrace(run);
    }
}
