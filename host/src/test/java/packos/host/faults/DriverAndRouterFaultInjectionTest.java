package packos.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.host.faults.Runs.process;

import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.hostile.contain.Bystander;
import packos.samples.echo.EchoPeer;
import packos.system.nic.Rtl8139Driver;
import packos.system.pci.PciService;
import packos.system.router.Router;

/**
 * Faults injected by the kernel (inject-faults=) into the unmodified RTL8139 driver and router,
 * restarted on failure, in virtual time with fixed seeds, while a process talks through them to a
 * host on the card's wire: router, driver, card, the {@code echo} wire's host, and back. The
 * driver dies at random kernel and device calls while reserving its card through the PCI
 * service, resetting it, filling and draining its rings and acknowledging its interrupt; the
 * router while attaching, resolving neighbours, answering for the KAN and forwarding. The client
 * gets every ping and UDP echo back byte for byte, retrying what is lost, across many lives of
 * both: each restarted driver gets its card back from the PCI service, each restarted router
 * attaches to the driver again. The kernel survives every run, no other process faults, the
 * host on the wire never sees a broken frame, an unrelated bystander finishes its timed work
 * exactly on time, and no packet page is leaked.
 *
 * <p>The driver's rate is the higher: its lives are cheap, while every life of the router begins
 * with a second of duplicate address detection (RFC 4862) before it can resolve a neighbour.
 */
@Timeout(150)
class DriverAndRouterFaultInjectionTest {
    static final String PCI = "fd00:7e8e::3", DRIVER = "fd00:7e8e::5", PEER = "fd00:7e8f::1";
    static final Pattern FAULT = Pattern.compile("\\[scheduler] process (driver|router) faulted: InjectedFault: injected fault (.*); restarting \\(.*");
    static final Pattern EXCHANGE = Pattern.compile("\\[client] \\d+ (ping|udp) \\d+ bytes exact at \\d+ ms");
    /** A driver life begins once it holds its card again: reserved through the PCI service, reset, rings set up. */
    static final String DRIVER_LIFE = "[driver] RTL8139 at 00:03.0: MAC ";
    /** A router life is on the link once the (new or old) driver has answered its ATTACH. */
    static final String ROUTER_LIFE = "[router] link up: MAC ";
    static final int EXCHANGES = 500;
    /** 330 s of machine time in 100 ms ticks: the client takes 198 to 272 s under these seeds. */
    static final int BYSTANDER_TICKS = 3_300;

    static Runs.Run run(long seed, int exchanges, int bystanderTicks) throws Exception {
        String restart = "restart=on-failure max-restarts=1000000 within=1";
        return Runs.boot("net-chaos-" + seed,
                "machine cpus=1 clock=virtual hz=100 seed=" + seed + " wire=echo",
                "kan queue=256",
                // Addresses follow the start order: pci ::3, bystander ::4 (it waits for no one), driver ::5, router ::6, client ::7.
                process("pci", PciService.class, "caps=device:pci", "daemon=yes", "reports-init=yes"),
                process("bystander", Bystander.class, "arg=" + bystanderTicks, "arg=100", "arg=20"),
                process("driver", Rtl8139Driver.class, "arg=" + PCI, "caps=device:00:03.0,irq:11", "queue=512", "daemon=yes", "after=pci",
                        restart, "inject-faults=1%"),
                process("router", Router.class, "arg=driver=" + DRIVER, "caps=forward", "queue=512", "daemon=yes", "after=driver",
                        restart, "inject-faults=0.6%"),
                process("client", EchoPeer.class, "arg=" + PEER, "arg=" + exchanges, "arg=100", "after=router"));
    }

    /** What one run showed, summed over runs. */
    static final class Tally {
        int driverFaults, routerFaults, exchanges, driverLives, routerLives, driverLivesServing, routerLivesServing;
        final TreeMap<String, Integer> where = new TreeMap<>();

        /**
         * Counts lives and the lives in which the client saw an exchange answered. An answer seen
         * after a service faulted and before its next life began was carried by the life that
         * died (or is a late copy): it counts for none.
         */
        void add(Runs.Run run) {
            boolean driverServed = true, routerServed = true;
            for (var line : run.console()) {
                var m = FAULT.matcher(line);
                if (m.matches()) {
                    if (m.group(1).equals("driver")) {
                        driverFaults++;
                        driverServed = true;
                    } else {
                        routerFaults++;
                        routerServed = true;
                    }
                    where.merge(m.group(2), 1, Integer::sum);
                } else if (line.startsWith(DRIVER_LIFE)) {
                    driverLives++;
                    driverServed = false;
                } else if (line.startsWith(ROUTER_LIFE)) {
                    routerLives++;
                    routerServed = false;
                } else if (EXCHANGE.matcher(line).matches()) {
                    exchanges++;
                    if (!driverServed) driverLivesServing++;
                    if (!routerServed) routerLivesServing++;
                    driverServed = routerServed = true;
                }
            }
        }

        @Override
        public String toString() {
            return (driverFaults + routerFaults) + " faults (driver " + driverFaults + ", router " + routerFaults + "); " + exchanges
                    + " exchanges answered; driver: " + driverLives + " lives held the card, " + driverLivesServing + " carried traffic; router: "
                    + routerLives + " lives attached, " + routerLivesServing + " carried traffic; landed " + where;
        }
    }

    /** What every run must show on its own. */
    static void assertContained(Runs.Run run, int exchanges) {
        run.assertKernelSurvived().assertStatus(0);
        assertTrue(run.reason().startsWith("no process failed; "), run.reason());
        var done = run.line("[client] client:");
        assertTrue(done.matches("\\[client] client: " + exchanges + " exchanges byte-exact \\(" + exchanges / 2 + " pings, " + exchanges / 2
                + " UDP echoes, \\d+ bytes each way\\), \\d+ retries, \\d+ late answers, finished at \\d+ ms"), run::transcript);
        HostileContainmentTest.assertBystanderOnTime(run);
        // The bystander outlasts the client, so the run halts with the services idle: every page must be back.
        assertTrue(run.console().indexOf(run.line("[bystander]")) > run.console().indexOf(done), run::transcript);
        assertEquals(0, run.stats().pagesInUse(), () -> "pages leaked: " + run.stats());
        for (var line : run.console()) {
            assertTrue(!line.contains("faulted") || FAULT.matcher(line).matches(), () -> "a fault no one injected: " + line);
            assertTrue(!line.contains("not restarted") && !line.contains("giving up"), line);
        }
        // Frames the driver put on the wire, in whatever life and however it died, were all whole and correct.
        var echo = run.line("[echo] ");
        assertTrue(echo.contains(" 0 refused at transmit, 0 malformed, 0 bad checksum, 0 bad NDP, "), echo);
        var answered = Pattern.compile("answered (\\d+) pings, (\\d+) UDP echoes").matcher(echo);
        assertTrue(answered.find(), echo);
        assertTrue(Integer.parseInt(answered.group(1)) >= exchanges / 2 && Integer.parseInt(answered.group(2)) >= exchanges / 2, echo);
    }

    @Test
    void thousandsOfFaultsInTheDriverAndTheRouterNeverCrashTheKernelOrABystanderAndTrafficFlowsAcrossTheirLives() throws Exception {
        long started = System.nanoTime();
        var tally = new Tally();
        var runs = new StringBuilder();
        for (long seed = 1; seed <= 3; seed++) {
            long before = System.nanoTime();
            var run = run(seed, EXCHANGES, BYSTANDER_TICKS);
            assertContained(run, EXCHANGES);
            tally.add(run);
            runs.append(" seed ").append(seed).append(": ").append(run.linesContaining("InjectedFault").size()).append(" faults, ")
                    .append(run.line("[client] client:").replaceAll(".*, (\\d+ retries).*finished at (\\d+) ms", "$1, client done at $2 ms of machine time, "))
                    .append((System.nanoTime() - before) / 1_000_000).append(" ms;");
        }
        String summary = tally + ";" + runs + " " + (System.nanoTime() - started) / 1_000_000 + " ms in all";
        System.out.println(summary);
        assertEquals(3 * EXCHANGES, tally.exchanges, summary);
        assertTrue(tally.driverFaults + tally.routerFaults >= 2_000, summary);
        assertTrue(tally.driverFaults >= 1_000 && tally.routerFaults >= 300, summary);
        // Restarted services serve again, many times over: not one lucky life carrying it all.
        assertTrue(tally.driverLivesServing >= 200 && tally.routerLivesServing >= 100, summary);
        // Faults land all over both programs: the network stack's calls, the device calls, the interrupt's acknowledgement.
        for (var call : new String[] {"in kernel call send", "in kernel call receive", "in kernel call poll", "in kernel call allocate",
                "in kernel call free", "in device call ioRead", "in device call ioWrite", "in kernel call acknowledgeInterrupt",
                "at a preemption point"}) {
            assertTrue(tally.where.getOrDefault(call, 0) > 10, () -> call + ": " + summary);
        }
    }

    @Test
    void aDriverAndRouterFaultInjectionRunIsTheSameEveryTimeForItsSeed() throws Exception {
        var a = run(42, 100, 1_000);
        var b = run(42, 100, 1_000);
        assertContained(a, 100);
        assertEquals(a.console(), b.console());
        assertTrue(a.linesContaining("InjectedFault").size() > 100, a::transcript);
    }
}
