package packos.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MachineTest {
    @Test
    void aMachineHasOneToSixtyFourCpus() {
        var pic = new InterruptController();
        var clock = new VirtualClock(100);
        var console = new Console(new PrintStream(new ByteArrayOutputStream()), null);
        assertEquals(1, new Machine(1, pic, clock, console).cpus());
        assertEquals(64, new Machine(64, pic, clock, console).cpus());
        assertThrows(IllegalArgumentException.class, () -> new Machine(0, pic, clock, console));
        assertThrows(IllegalArgumentException.class, () -> new Machine(65, pic, clock, console));
    }

    @Test
    void consoleLinesArePrefixedWithTheirSourceAndDebugGoesOnlyToTheLog() {
        var screen = new ByteArrayOutputStream();
        var log = new ByteArrayOutputStream();
        var console = new Console(new PrintStream(screen, true, StandardCharsets.UTF_8), new PrintStream(log, true, StandardCharsets.UTF_8));
        console.line("httpd", "listening");
        console.debug("kernel", "detail");
        console.flush();
        String nl = System.lineSeparator();
        assertEquals("[httpd] listening" + nl, screen.toString(StandardCharsets.UTF_8));
        assertEquals("[httpd] listening" + nl + "(kernel) detail" + nl, log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aConsoleWithoutALogDropsDebugLines() {
        var screen = new ByteArrayOutputStream();
        var console = new Console(new PrintStream(screen, true, StandardCharsets.UTF_8), null);
        console.debug("x", "hidden");
        console.flush();
        assertEquals("", screen.toString(StandardCharsets.UTF_8));
    }
}
