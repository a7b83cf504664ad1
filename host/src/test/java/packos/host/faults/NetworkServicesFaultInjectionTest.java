package packos.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.host.linux.HostCommand;
import packos.host.linux.NetworkNamespace;
import packos.host.linux.PackosProcess;

/**
 * Faults injected by the kernel into the NIC driver and the router while Linux floods a PackOS
 * process with pings over a TAP device (real time): both die at random kernel calls, again and
 * again, and are restarted. The kernel and the processes that had no fault injected (the PCI
 * service, the web server) never fault; the restarted driver gets its card back from the PCI
 * service and the restarted router re-attaches to it, so once the flood is over the web server
 * serves Linux again, byte-exact.
 *
 * <p>Needs root (a TAP device, a namespace, a flood ping), and skips saying so otherwise; CI runs as root.
 */
@Timeout(240)
class NetworkServicesFaultInjectionTest {
    private static final Path DOCROOT = Path.of("../samples/src/main/resources/packos/codefs/httpd").toAbsolutePath().normalize();
    private static final Pattern FAULT = Pattern.compile("\\[scheduler] process (driver|router) faulted: InjectedFault: injected fault (.*); restarting \\(.*");
    private static final String SERVER = "fd00:7e8e::4";

    @Test
    void faultsInTheDriverAndTheRouterNeverCrashTheKernelOrTheServerWhichServesBetweenThemAndAfterwards(@TempDir Path dir) throws Exception {
        NetworkNamespace.assumeRootWith("ip", "ping", "curl");
        var config = dir.resolve("chaos.boot");
        Files.writeString(config, String.join("\n",
                "image name=net-chaos codefs=\"" + DOCROOT + "\"",
                "machine cpus=1 clock=real hz=100",
                "kan queue=256",
                "process name=pci program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes",
                "process name=server program=packos.samples.httpd.Httpd",
                "process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 queue=512 daemon=yes"
                        + " after=pci restart=on-failure max-restarts=1000000 within=1 inject-faults=0.05%",
                "process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::5 caps=forward queue=512 daemon=yes"
                        + " after=driver restart=on-failure max-restarts=1000000 within=1 inject-faults=0.05%") + "\n");
        var tap = NetworkNamespace.tapName();
        var page = dir.resolve("index.html");
        try (var linux = NetworkNamespace.create("chaos");
             var packos = PackosProcess.start("run", config.toString(), "--wire", "tap:" + tap)) {
            linux.adopt(tap, "fd00:7e8f::1/64");
            linux.ip("-6", "route", "add", "fd00:7e8e::/64", "dev", tap);
            packos.awaitLineContaining("[server] serving", Duration.ofSeconds(60));
            var flood = linux.exec(Duration.ofSeconds(90), "ping", "-6", "-f", "-q", "-w", "40", SERVER);
            assertTrue(flood.out().contains("packets transmitted"), flood::transcript);
            int faults = count(packos.console());
            // The flood is over: the services settle, and the server is reached through them again.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            HostCommand.Result fetch;
            do {
                fetch = linux.exec(Duration.ofSeconds(10), "curl", "-6", "-g", "-s", "-f", "-m", "5", "-o", page.toString(),
                        "http://[" + SERVER + "]/index.html");
            } while (!fetch.ok() && System.nanoTime() < deadline);
            assertTrue(fetch.ok(), fetch::transcript);
            assertEquals(-1, Files.mismatch(page, DOCROOT.resolve("index.html")));
            assertTrue(packos.isAlive(), packos::console);
            var console = packos.console();
            String summary = faults + " faults injected into the driver and the router during the flood (" + count(console) + " in all); flood: "
                    + flood.out().lines().filter(l -> l.contains("transmitted")).findFirst().orElse("?") + "; landed " + where(console);
            System.out.println(summary);
            assertTrue(faults >= 20, summary);
            assertTrue(received(flood) >= 500, summary);
            for (var line : console.lines().toList()) {
                assertTrue(!line.contains("faulted") || FAULT.matcher(line).matches(), () -> "a fault no one injected: " + line);
                assertTrue(!line.contains("not restarted") && !line.contains("[kernel] halted"), line);
            }
        }
    }

    /** Echo replies Linux got during the flood: the services were up between faults. */
    private static int received(HostCommand.Result flood) {
        var m = Pattern.compile("(\\d+) received").matcher(flood.out());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static int count(String console) {
        return (int) console.lines().filter(l -> FAULT.matcher(l).matches()).count();
    }

    /** Faults by process and kernel call. */
    private static TreeMap<String, Integer> where(String console) {
        var where = new TreeMap<String, Integer>();
        for (var line : console.lines().toList()) {
            var m = FAULT.matcher(line);
            if (m.matches()) where.merge(m.group(1) + " " + m.group(2), 1, Integer::sum);
        }
        return where;
    }
}
