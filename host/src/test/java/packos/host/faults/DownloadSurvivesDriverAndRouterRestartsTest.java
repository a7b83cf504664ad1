package packos.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.host.linux.NetworkNamespace;
import packos.host.linux.PackosProcess;

/**
 * MINIX 3 restarts a dead network driver, but the TCP connections through it are lost. Ours are
 * not: a long download from Linux over TAP runs while the kernel kills the NIC driver and the
 * router at random kernel calls, again and again. Each comes back (the driver gets its card from
 * the PCI service, the router re-attaches), the frames lost meanwhile are retransmitted by TCP at
 * both ends, and the file arrives byte-exact over the one connection it started on.
 *
 * <p>Needs root (a TAP device and a namespace), and skips saying so otherwise; CI runs as root.
 */
@Timeout(240)
class DownloadSurvivesDriverAndRouterRestartsTest {
    private static final Path DOCROOT = Path.of("../samples/src/main/resources/packos/codefs/httpd").toAbsolutePath().normalize();
    private static final Pattern DRIVER_FAULT = Pattern.compile("\\[scheduler] process driver faulted: .*; restarting .*");
    private static final Pattern ROUTER_FAULT = Pattern.compile("\\[scheduler] process router faulted: .*; restarting .*");
    private static final String SERVER = "fd00:7e8e::4";

    @Test
    void aDownloadOverOneConnectionArrivesByteExactWhileTheDriverAndTheRouterAreKilledAndRestarted(@TempDir Path dir) throws Exception {
        NetworkNamespace.assumeRootWith("ip", "curl");
        var config = dir.resolve("restarts.boot");
        Files.writeString(config, String.join("\n",
                "image name=restarts codefs=\"" + DOCROOT + "\"",
                "machine cpus=1 clock=real hz=100",
                "kan queue=256",
                "process name=pci program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes",
                "process name=server program=packos.samples.httpd.Httpd",
                "process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 queue=512 daemon=yes"
                        + " after=pci restart=on-failure max-restarts=1000000 within=1 inject-faults=0.02%",
                "process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::5 caps=forward queue=512 daemon=yes"
                        + " after=driver restart=on-failure max-restarts=1000000 within=1 inject-faults=0.08%") + "\n");
        var tap = NetworkNamespace.tapName();
        var file = dir.resolve("primes.txt");
        try (var linux = NetworkNamespace.create("restarts");
             var packos = PackosProcess.start("run", config.toString(), "--wire", "tap:" + tap)) {
            linux.adopt(tap, "fd00:7e8f::1/64");
            linux.ip("-6", "route", "add", "fd00:7e8e::/64", "dev", tap);
            packos.awaitLineContaining("[server] serving", Duration.ofSeconds(60));
            int driverBefore = count(packos.console(), DRIVER_FAULT);
            int routerBefore = count(packos.console(), ROUTER_FAULT);
            // One connection, slowed so that it lasts long enough for both services to die under it several times;
            // curl gives up only if nothing at all arrives for 30 s.
            var download = linux.exec(Duration.ofSeconds(150), "curl", "-6", "-g", "-s", "-S", "-f", "--limit-rate", "400k",
                    "-y", "30", "-Y", "1", "-w", "connects=%{num_connects} size=%{size_download}\\n",
                    "-o", file.toString(), "http://[" + SERVER + "]/primes.txt");
            String console = packos.console();
            int driverFaults = count(console, DRIVER_FAULT) - driverBefore;
            int routerFaults = count(console, ROUTER_FAULT) - routerBefore;
            String summary = "during the download: " + driverFaults + " driver and " + routerFaults + " router restarts; curl: " + download.out().strip();
            System.out.println(summary);
            assertTrue(download.ok(), () -> summary + "\n" + download.transcript() + "\n" + console);
            assertTrue(download.out().contains("connects=1 "), summary);
            assertEquals(-1, Files.mismatch(file, DOCROOT.resolve("primes.txt")), summary);
            assertTrue(driverFaults >= 1, () -> summary + "\n" + console);
            assertTrue(routerFaults >= 1, () -> summary + "\n" + console);
            for (var line : console.lines().toList()) {
                assertTrue(!line.contains("faulted") || DRIVER_FAULT.matcher(line).matches() || ROUTER_FAULT.matcher(line).matches(),
                        () -> "a fault no one injected: " + line);
                assertTrue(!line.contains("[kernel] halted"), line);
            }
        }
    }

    private static int count(String console, Pattern fault) {
        return (int) console.lines().filter(l -> fault.matcher(l).matches()).count();
    }
}
