package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.host.config.BootConfigParser;

/**
 * The stream sink and source that the Linux tests pair with {@code nc}: over the KAN alone, a
 * stream arrives intact and is reported so, and a different stream is caught at its first byte.
 */
@Timeout(120)
class StreamSamplesTest {
    private record Run(int status, String console) {}

    private static Run boot(String... lines) throws Exception {
        var config = BootConfigParser.parse("stream.boot", String.join("\n", lines) + "\n");
        var screen = new ByteArrayOutputStream();
        Boot.Outcome outcome;
        try (var out = new PrintStream(screen, true, StandardCharsets.UTF_8)) {
            outcome = Boot.run(config, new Boot.Options(null, null, 60_000), out, StreamSamplesTest.class.getClassLoader());
        }
        return new Run(outcome.status(), screen.toString(StandardCharsets.UTF_8));
    }

    @Test
    void tenMegabytesArriveIntactAndTheSourceEndsOnlyOnceTheSinkHasThemAll() throws Exception {
        var run = boot("machine clock=virtual",
                "process name=sink program=packos.samples.stream.StreamSink daemon=yes reports-init=yes",
                "process name=source program=packos.samples.stream.StreamSource arg=fd00:7e8e::3 arg=5201 arg=10000000 after=sink");
        assertEquals(0, run.status(), run.console());
        assertTrue(run.console().contains("[sink] from [fd00:7e8e::4]:"), run.console());
        assertTrue(run.console().contains(": 10000000 bytes, intact"), run.console());
        assertTrue(run.console().contains("[source] sent 10000000 bytes to [fd00:7e8e::3]:5201 in "), run.console());
    }

    @Test
    void aStreamFromAnotherSeedIsReportedAtItsFirstWrongByte() throws Exception {
        var run = boot("machine clock=virtual",
                "process name=sink program=packos.samples.stream.StreamSink arg=6000 daemon=yes reports-init=yes",
                "process name=source program=packos.samples.stream.StreamSource arg=fd00:7e8e::3 arg=6000 arg=100000 arg=2 after=sink");
        assertEquals(0, run.status(), run.console());
        assertTrue(run.console().contains(": 100000 bytes, first wrong byte at offset 0"), run.console());
    }

    @Test
    void aRefusedConnectionFailsTheSource() throws Exception {
        var run = boot("machine clock=virtual",
                "process name=sink program=packos.samples.stream.StreamSink daemon=yes reports-init=yes",
                "process name=source program=packos.samples.stream.StreamSource arg=fd00:7e8e::3 arg=5999 arg=1000 after=sink");
        assertNotEquals(0, run.status(), run.console());
        assertTrue(run.console().contains("source"), run.console());
    }
}
