package packos.host.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.host.linux.PackosProcess;
import packos.samples.stream.StreamSink;
import packos.samples.stream.StreamSource;
import packos.testprograms.PingUntilAnswered;

/**
 * Two PackOS machines, each its own JVM, whose cards share one Ethernet: a {@code udp} wire
 * between two loopback ports. Each KAN is a different /64 and each router routes the other's
 * through the other router, so a process on A reaches a process on B across both routers, as two
 * sites joined by a link would. No root is needed.
 *
 * <p>A: pci ::3, driver ::4, router ::5 (fd00:7e8f::2), ping ::6, source ::7 in fd00:7e8e::/64.
 * B: pci ::3, driver ::4, router ::5 (fd00:7e8f::3), sink ::6 in fd00:7e8d::/64.
 */
@Timeout(240)
class TwoInstancesOverAUdpWireTest {
    private static final Duration LIMIT = Duration.ofSeconds(120);
    private static final long BYTES = 20_000_000;

    private static String processes(String kan, String routerArgs) {
        return """
                process name=pci    program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes
                process name=driver program=packos.system.nic.Rtl8139Driver arg=%1$s::3 caps=device:00:03.0,irq:11 queue=512 daemon=yes after=pci
                process name=router program=packos.system.router.Router arg=driver=%1$s::4 %2$s caps=forward queue=512 daemon=yes after=driver
                """.formatted(kan, routerArgs);
    }

    @Test
    void aStreamFromAProcessOnOneMachineReachesASinkOnTheOtherIntactAcrossBothRouters(@TempDir Path dir) throws Exception {
        int portA = FreePorts.udp(), portB = FreePorts.udp();
        var b = dir.resolve("b.boot");
        Files.writeString(b, "machine clock=real wire=udp:[::1]:" + portB + ",[::1]:" + portA + " mac=52:54:00:12:34:57\n"
                + "kan prefix=fd00:7e8d::/64 queue=256\n"
                + processes("fd00:7e8d", "arg=address=fd00:7e8f::3/64 arg=route=fd00:7e8e::/64,fd00:7e8f::2")
                + "process name=sink program=" + StreamSink.class.getName() + " arg=5201 after=router\n", StandardCharsets.UTF_8);
        var a = dir.resolve("a.boot");
        // The source starts once the ping process has had answers from B's router and B's sink: the
        // link comes up some time after boot, and a connection before that would be refused.
        Files.writeString(a, "machine clock=real wire=udp:[::1]:" + portA + ",[::1]:" + portB + "\n"
                + "kan queue=256\n"
                + processes("fd00:7e8e", "arg=address=fd00:7e8f::2/64 arg=route=fd00:7e8d::/64,fd00:7e8f::3")
                + "process name=ping program=" + PingUntilAnswered.class.getName() + " arg=fd00:7e8f::3 arg=fd00:7e8d::6 reports-init=yes after=router\n"
                + "process name=source program=" + StreamSource.class.getName() + " arg=fd00:7e8d::6 arg=5201 arg=" + BYTES + " after=ping\n",
                StandardCharsets.UTF_8);
        try (var sinkSide = PackosProcess.start("run", b.toString())) {
            sinkSide.awaitLineContaining("[board] RTL8139 at 00:03.0, IRQ 11, MAC 52:54:00:12:34:57", LIMIT);
            sinkSide.awaitLineContaining("[sink] checking streams on [fd00:7e8d::6]:5201", LIMIT);
            try (var sourceSide = PackosProcess.start("run", a.toString())) {
                sourceSide.awaitLineContaining("[ping] echo reply from fd00:7e8f::3", LIMIT);
                sourceSide.awaitLineContaining("[ping] echo reply from fd00:7e8d::6", LIMIT);
                sourceSide.awaitLineContaining("[source] sent " + BYTES + " bytes to [fd00:7e8d::6]:5201", LIMIT);
                sinkSide.awaitLineContaining("[sink] from [fd00:7e8e::7]:", LIMIT);
                assertTrue(sinkSide.console().contains(": " + BYTES + " bytes, intact"), sinkSide::console);
                // With the source done, A has no ordinary process left and halts by itself.
                assertEquals(0, sourceSide.awaitExit(LIMIT), sourceSide::console);
                assertFalse(sourceSide.console().contains("faulted"), sourceSide::console);
            }
            assertTrue(sinkSide.isAlive(), sinkSide::console);
            assertFalse(sinkSide.console().contains("faulted"), sinkSide::console);
        }
    }
}
