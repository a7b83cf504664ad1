package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shipped samples, end to end through the {@code packos} command as a user types it. */
@Timeout(60)
class SamplesThroughThePackosCommandTest {
    private static final List<String> WORKERS = List.of("foo", "bar", "baz");

    @Test
    void simpleSampleEndsCleanlyAfterEveryWorkerSendsItsNameHome() {
        var run = PackosCommand.run("run", "simple");
        var lines = run.outLines();
        assertEquals(0, run.status(), run::transcript);
        for (String name : WORKERS) {
            int learned = lines.indexOf("[" + name + "] f(\"" + name + "\")");
            assertTrue(learned >= 0, () -> name + " never printed that it learned its name\n" + run.transcript());
            int previous = learned;
            for (int round = 0; round < 3; round++) {
                int at = lines.indexOf("[" + name + "] [" + name + ": " + round + "]");
                assertTrue(at > previous, "round " + round + " of " + name + " missing or out of order\n" + run.transcript());
                previous = at;
            }
            assertTrue(lines.indexOf("[" + name + "] " + name + " done") > previous, () -> name + " did not finish\n" + run.transcript());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("[scheduler] received \"" + name + "\" from [fd00:7e8e::")),
                    () -> "the scheduler never received \"" + name + "\"\n" + run.transcript());
        }
        assertTrue(run.out().contains("[scheduler] scheduler exiting; numFinished==3, names heard: 3"), run::transcript);
        assertEquals("[kernel] halted: simple sample done (status 0)", lines.getLast(), run::transcript);
        assertEquals("", run.err(), "nothing on standard error");
    }

    /**
     * The original's PCI sample, working: the listing with names and the IRQ router found, the
     * driver on IRQ 11 with the card's MAC, and eight frames out and back through the loopback plug.
     */
    @Test
    void pciSampleListsTheBusRoutesIrq11AndEightFramesComeBackIntact() {
        var run = PackosCommand.run("run", "pci");
        var lines = run.outLines();
        assertEquals(0, run.status(), run::transcript);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\[pci] found PCI routing table at 0xf[0-9a-f]{4}; IRQ router is \\[8086:7000]")), run::transcript);
        for (String expected : List.of(
                "[board] RTL8139 at 00:03.0, IRQ 11, MAC 52:54:00:12:34:56, wire loopback",
                "[pci] [10ec:8139]: INTA => IRQ 11",
                "[pci] (00,00,0): Host bridge (06/00/00): [8086:1237] Intel Corporation: 440FX - 82441FX PMC [Natoma]",
                "[pci] (00,03,0): Ethernet controller (02/00/00): [10ec:8139] Realtek Semiconductor Co., Ltd.: RTL-8100/8101L/8139 PCI Fast Ethernet Adapter IRQ 11",
                "[scheduler] pci activated",
                "[rtl8139] 1 RTL8139 card(s)",
                "[rtl8139] RTL8139 at 00:03.0: MAC 52:54:00:12:34:56, IRQ 11",
                "[frames] frame out: 60 bytes 52:54:00:12:34:56 -> ff:ff:ff:ff:ff:ff type 0x88b5",
                "[frames] frame in:  60 bytes 52:54:00:12:34:56 -> ff:ff:ff:ff:ff:ff type 0x88b5",
                "[frames] frame in:  1460 bytes 52:54:00:12:34:56 -> ff:ff:ff:ff:ff:ff type 0x88b5",
                "[frames] 8 frames out, 8 back intact")) {
            assertTrue(lines.contains(expected), () -> "missing: " + expected + "\n" + run.transcript());
        }
        assertTrue(lines.indexOf("[scheduler] pci activated") < lines.indexOf("[rtl8139] 1 RTL8139 card(s)"), run::transcript);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[frames] driver counters: frames in 8, out 8 ")), run::transcript);
        assertEquals("[kernel] halted: every process ended cleanly (status 0)", lines.getLast(), run::transcript);
        assertEquals("", run.err(), "nothing on standard error");
    }

    /** --wire overrides the image's loopback plug: with no cable the link is down and the first frame never comes back. */
    @Test
    void pciSampleOnNoWireSeesTheLinkDownAndFailsOnTheFirstFrame() {
        var run = PackosCommand.run("run", "pci", "--wire", "none");
        assertEquals(1, run.status(), run::transcript);
        assertTrue(run.outLines().contains("[frames] attached to the driver at fd00:7e8e::4: MAC 52:54:00:12:34:56, MTU 1500, link down"), run::transcript);
        assertTrue(run.outLines().contains("[scheduler] process frames faulted: IllegalStateException: frame 0 did not come back within 1 s; not restarted"),
                run::transcript);
    }

    /**
     * The echo sample: through the router, the driver and the card to the echo wire's host, twenty
     * exchanges come back byte for byte in virtual time, and a second run prints the same, line for line.
     */
    @Test
    void echoSampleTalksBeyondTheRouterAndTwoRunsAreTheSame() {
        var run = PackosCommand.run("run", "echo");
        var lines = run.outLines();
        assertEquals(0, run.status(), run::transcript);
        assertTrue(lines.contains("[board] RTL8139 at 00:03.0, IRQ 11, MAC 52:54:00:12:34:56, wire echo"), run::transcript);
        assertTrue(lines.contains("[router] ready: link up, addresses [fe80::5054:ff:fe12:3456, fd00:7e8f::2]"), run::transcript);
        assertTrue(lines.stream().anyMatch(l -> l.matches(
                "\\[peer] client: 20 exchanges byte-exact \\(10 pings, 10 UDP echoes, \\d+ bytes each way\\), 0 retries, 0 late answers, finished at \\d+ ms")),
                run::transcript);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[echo] ") && l.contains("answered 10 pings, 10 UDP echoes")
                && l.contains(" 0 malformed, 0 bad checksum, 0 bad NDP,")), run::transcript);
        assertEquals(lines, PackosCommand.run("run", "echo").outLines(), "a virtual-time run is a function of its boot config");
    }

    @Test
    void httpdIsTheImageRunBootsWhenNoneIsNamedAndItServesUntilStopped() throws Exception {
        int port;
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("::1"))) {
            port = probe.getLocalPort();
        }
        // The default image forwards host port 8080; a test takes a free port of its own instead.
        var run = PackosCommand.run("run", "--timeout", "25", "--wire", "user,hostfwd=tcp:[::1]:" + port + "-server:80");
        assertEquals(124, run.status(), run::transcript);
        assertTrue(run.out().contains("[user] hostfwd tcp [::1]:" + port + " -> server:80"), run::transcript);
        assertTrue(run.out().contains("[server] serving the code tree on [fd00:7e8e::4]:80"), run::transcript);
        assertTrue(run.out().contains("[router] ready: link up"), run::transcript);
        assertTrue(run.outLines().stream().anyMatch(l -> l.startsWith("[check] checked ") && l.endsWith(": all correct")), run::transcript);
        assertTrue(run.out().contains("[kernel] halted: timed out after 25000 ms of host time (status 124)"), run::transcript);
    }

    /** Every tick of the timer sample, in the order they arrive, at exact multiples in virtual time. */
    private static final List<String> TIMER_TICKS = List.of(
            "[timers] timer 1 fast (every 100 ms)    tick  1 at  100.000 ms",
            "[timers] timer 1 fast (every 100 ms)    tick  2 at  200.000 ms",
            "[timers] timer 2 slow (every 250 ms)    tick  1 at  250.000 ms",
            "[timers] timer 1 fast (every 100 ms)    tick  3 at  300.000 ms",
            "[timers] timer 3 one-shot (350 ms)      tick  1 at  350.000 ms",
            "[timers] timer 1 fast (every 100 ms)    tick  4 at  400.000 ms",
            "[timers] timer 1 fast (every 100 ms)    tick  5 at  500.000 ms",
            "[timers] timer 2 slow (every 250 ms)    tick  2 at  500.000 ms",
            "[timers] timer 1 fast (every 100 ms)    tick  6 at  600.000 ms",
            "[timers] timer 1 fast (every 100 ms)    tick  7 at  700.000 ms",
            "[timers] timer 2 slow (every 250 ms)    tick  3 at  750.000 ms",
            "[timers] timer 1 fast (every 100 ms)    tick  8 at  800.000 ms",
            "[timers] timer 1 fast (every 100 ms)    tick  9 at  900.000 ms",
            "[timers] timer 1 fast (every 100 ms)    tick 10 at 1000.000 ms",
            "[timers] timer 2 slow (every 250 ms)    tick  4 at 1000.000 ms",
            "[timers] timer 4 alarm (one-shot, 1 s)  tick  1 at 1000.000 ms");

    @Test
    void timerSampleInVirtualTimeTicksAtExactMultiplesInOrder() {
        var run = PackosCommand.run("run", "timer", "--clock", "virtual");
        assertEquals(0, run.status(), run::transcript);
        var ticks = run.outLines().stream().filter(l -> l.contains(" tick ")).toList();
        assertEquals(TIMER_TICKS, ticks, run::transcript);
        assertTrue(run.out().contains("[timers] done: fast ticked 10 times, slow 4, one-shot 1"), run::transcript);
        assertTrue(run.out().contains("[kernel] halted: every process ended cleanly (status 0)"), run::transcript);
    }

    @Test
    void samplesCommandListsEveryShippedImageWithItsDescription() throws Exception {
        var run = PackosCommand.run("samples");
        assertEquals(0, run.status(), run::transcript);
        var images = new Images(Main.class.getClassLoader());
        var names = images.names();
        assertTrue(names.containsAll(List.of("simple", "timer", "tcp", "httpd", "httpd-check", "pci", "echo")), () -> "shipped images: " + names);
        for (String name : names) {
            String description = images.load(name).description();
            assertFalse(description.isBlank(), () -> "image " + name + " has no description");
            assertTrue(run.outLines().stream().anyMatch(l -> l.matches(name + " +" + java.util.regex.Pattern.quote(description))),
                    () -> "no line lists " + name + " with \"" + description + "\"\n" + run.transcript());
        }
        assertEquals(names.size(), run.outLines().size(), run::transcript);
    }

    @Test
    void runHelpDescribesTheOptionsAndExitsZero() {
        var run = PackosCommand.run("run", "--help");
        assertEquals(0, run.status(), run::transcript);
        for (String option : List.of("--clock", "--cpus", "--seed", "--pcap", "--log", "--timeout", "IMAGE")) {
            assertTrue(run.out().contains(option), () -> "help does not mention " + option + "\n" + run.transcript());
        }
    }
}
