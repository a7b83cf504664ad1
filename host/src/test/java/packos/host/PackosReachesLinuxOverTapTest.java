package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.host.linux.NetworkNamespace;
import packos.host.linux.PackosProcess;

/**
 * A PackOS process connects out to a Linux TCP server (nc) over a TAP device and moves 100 MB to
 * it byte-exact; Linux learns the way back to the KAN from the router's advertisements alone (no
 * route is added by hand). Once with a clean link, once with loss and reordering both ways: netem
 * on Linux's side of the device (the ACKs) and a KAN link rule between the sender and the router
 * (the data), so PackOS's TCP recovers from what a real path does to it.
 *
 * <p>Needs root (a TAP device and a namespace), and skips saying so otherwise; CI runs as root.
 */
@Timeout(300)
class PackosReachesLinuxOverTapTest {
    private static final int PORT = 5202;

    @Test
    void packosSendsOneHundredMegabytesToALinuxServer(@TempDir Path dir) throws Exception {
        send(dir, false);
    }

    @Test
    void packosSendsOneHundredMegabytesThroughTwoPercentLossAndReordering(@TempDir Path dir) throws Exception {
        send(dir, true);
    }

    /** Linux's routes on the device once one contains {@code wanted}, or what they are after 20 s. */
    private static String awaitRoute(NetworkNamespace linux, String tap, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String routes;
        do {
            routes = linux.ip("-6", "route", "show", "dev", tap).out();
            if (routes.contains(wanted)) return routes;
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return routes;
    }

    private static void send(Path dir, boolean impaired) throws Exception {
        NetworkNamespace.assumeRootWith("ip", "tc", "nc");
        var lines = new ArrayList<>(List.of(
                "machine cpus=1 clock=real hz=100",
                "kan queue=256",
                "process name=pci program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes",
                "process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 queue=512 daemon=yes after=pci",
                "process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::4 arg=ra=yes caps=forward queue=512 daemon=yes reports-init=yes after=driver",
                "process name=source program=packos.samples.stream.StreamSource arg=" + LinuxReachesPackosOverTapTest.LINUX + " arg=" + PORT
                        + " arg=" + LinuxReachesPackosOverTapTest.HUNDRED_MB + " after=router"));
        if (impaired) lines.add("link from=source to=router loss=2% reorder=2%");
        var config = PackosCommand.config(dir, "send.boot", lines.toArray(String[]::new));
        var received = dir.resolve("received");
        var tap = NetworkNamespace.tapName();
        try (var linux = NetworkNamespace.create("send")) {
            // Listening before PackOS boots: the sender connects as soon as the router is up.
            var server = new ProcessBuilder("ip", "netns", "exec", linux.name(), "sh", "-c", "nc -d -6 -l " + PORT + " > " + received)
                    .redirectErrorStream(true).start();
            try (var packos = PackosProcess.start("run", config.toString(), "--wire", "tap:" + tap)) {
                linux.adopt(tap, LinuxReachesPackosOverTapTest.LINUX + "/64");
                // Where the kernel has netem, Linux's side loses and reorders too (the ACKs); the KAN rule does the data.
                if (impaired && linux.hasNetem()) {
                    linux.tc("qdisc", "add", "dev", tap, "root", "netem", "loss", "2%", "delay", "1ms", "reorder", "25%", "50%");
                }
                packos.awaitLineContaining("[router] ready: link up", Duration.ofSeconds(60));
                // Linux puts the KAN prefix on the device because the router advertised it, not because a test did.
                // A prefix learned from an advertisement is on-link with a lifetime: its route expires.
                var routes = awaitRoute(linux, tap, "fd00:7e8e::/64");
                assertTrue(routes.lines().anyMatch(l -> l.startsWith("fd00:7e8e::/64 ") && l.contains(" expires ")), routes);
                int status = packos.awaitExit(Duration.ofSeconds(240));
                assertEquals(0, status, packos::console);
                assertTrue(packos.console().contains("[source] sent " + LinuxReachesPackosOverTapTest.HUNDRED_MB + " bytes to ["
                        + LinuxReachesPackosOverTapTest.LINUX + "]:" + PORT), packos::console);
                if (impaired) assertTrue(packos.console().matches("(?s).*\\[kernel\\] links: [1-9][0-9]* lost, .*"), packos::console);
            } finally {
                server.destroy();
            }
            server.waitFor();
            assertEquals(LinuxReachesPackosOverTapTest.HUNDRED_MB, Files.size(received));
            assertEquals(-1, LinuxReachesPackosOverTapTest.patternMismatch(received, LinuxReachesPackosOverTapTest.HUNDRED_MB),
                    "the first byte Linux got wrong");
        }
    }
}
