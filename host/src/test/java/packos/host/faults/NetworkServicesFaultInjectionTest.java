package packos.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.host.linux.PackosProcess;

/**
 * Faults injected by the kernel into the NIC driver and the router while the host fetches pages
 * through them (user-mode networking, real time): both die at random kernel calls, again and
 * again, and are restarted. The kernel and the processes that had no fault injected (the PCI
 * service, the web server) never fault; the restarted driver gets its card back from the PCI
 * service and the restarted router re-attaches, so pages keep arriving, byte-exact, between faults
 * and after the last one.
 */
@Timeout(180)
class NetworkServicesFaultInjectionTest {
    private static final Path DOCROOT = Path.of("../samples/src/main/resources/packos/codefs/httpd").toAbsolutePath().normalize();
    private static final Pattern FAULT = Pattern.compile("\\[scheduler] process (driver|router) faulted: InjectedFault: injected fault (.*); restarting \\(.*");
    private static final Duration LOAD = Duration.ofSeconds(40);

    @Test
    void thousandsOfFaultsInTheDriverAndTheRouterNeverCrashTheKernelOrTheServerAndPagesKeepArriving(@TempDir Path dir) throws Exception {
        int port;
        try (var probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            port = probe.getLocalPort();
        }
        var config = dir.resolve("chaos.boot");
        Files.writeString(config, String.join("\n",
                "image name=net-chaos codefs=\"" + DOCROOT + "\"",
                "machine cpus=1 clock=real hz=100 wire=user,hostfwd=tcp:[::1]:" + port + "-server:80",
                "kan queue=256",
                "process name=pci program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes",
                "process name=server program=packos.samples.httpd.Httpd",
                "process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 queue=512 daemon=yes"
                        + " after=pci restart=on-failure max-restarts=1000000 within=1 inject-faults=0.5%",
                "process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::5 caps=forward queue=512 daemon=yes"
                        + " after=driver restart=on-failure max-restarts=1000000 within=1 inject-faults=0.5%") + "\n");
        var expected = Files.readAllBytes(DOCROOT.resolve("index.html"));
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var request = HttpRequest.newBuilder(URI.create("http://[::1]:" + port + "/index.html")).timeout(Duration.ofSeconds(3)).build();
        int served = 0, failed = 0;
        String console;
        try (var packos = PackosProcess.start("run", config.toString())) {
            packos.awaitLineContaining("[server] serving", Duration.ofSeconds(60));
            long end = System.nanoTime() + LOAD.toNanos();
            int faultsAtLastPage = 0;
            while (System.nanoTime() < end) {
                try {
                    var answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, answer.statusCode());
                    assertEquals(-1, java.util.Arrays.mismatch(expected, answer.body()), "a page arrived, but not the page");
                    served++;
                    faultsAtLastPage = count(packos.console());
                } catch (java.io.IOException e) {
                    failed++;
                }
            }
            assertTrue(packos.isAlive(), packos::console);
            console = packos.console();
            int faults = count(console);
            String summary = faults + " faults injected into the driver and the router; " + served + " pages served, " + failed
                    + " requests failed; the last page came after fault " + faultsAtLastPage + "; landed " + where(console);
            System.out.println(summary);
            assertTrue(faults >= 1_000, summary);
            assertTrue(served >= 50, summary);
            // Restarted services serve again: pages still came once nearly every fault had happened.
            assertTrue(faultsAtLastPage >= faults * 9 / 10, summary);
        }
        for (var line : console.lines().toList()) {
            assertTrue(!line.contains("faulted") || FAULT.matcher(line).matches(), () -> "a fault no one injected: " + line);
            assertTrue(!line.contains("giving up") && !line.contains("not restarted"), line);
        }
        assertTrue(!console.contains("[kernel] halted"), "the machine stopped by itself:\n" + console);
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
