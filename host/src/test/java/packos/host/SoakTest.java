package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.host.config.BootConfigParser;

/**
 * The short form of {@code packos soak}: the soak image's machine (server, driver, router, and the
 * client that loads the server) for one minute of machine time instead of ten hours. No process
 * may fault; a process that faults fails the soak. (A minute is too short to judge the heap: the
 * machine is still warming up; the long run judges it.)
 */
@Timeout(300)
class SoakTest {
    private static int soak(String seconds, String extra, ByteArrayOutputStream console) throws Exception {
        var text = new String(Main.class.getClassLoader().getResourceAsStream("packos/images/soak.boot").readAllBytes(), StandardCharsets.UTF_8)
                .replace("arg=36000", "arg=" + seconds) + extra;
        var config = BootConfigParser.parse("soak-" + seconds + ".boot", text);
        return SoakCommand.soak(config, null, 240_000, new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @Test
    void aMinuteOfMachineTimeUnderWebRequestsWearsNothingOut() throws Exception {
        var console = new ByteArrayOutputStream();
        assertEquals(0, soak("60", "", console), console::toString);
        assertTrue(console.toString().contains("[soak] soak done: 60 s of machine time, 2400 requests on 600 connections"), console::toString);
        assertTrue(console.toString().contains("packos soak: ran to its end, 0 fault lines"), console::toString);
    }

    @Test
    void aProcessThatFaultsFailsTheSoak() throws Exception {
        var console = new ByteArrayOutputStream();
        var crash = "process name=crash program=" + packos.hostile.run.DeepRecursion.class.getName() + " daemon=yes after=soak\n";
        assertEquals(1, soak("5", crash, console), console::toString);
        assertTrue(console.toString().contains("packos soak: FAILED (a process faulted)"), console::toString);
    }
}
