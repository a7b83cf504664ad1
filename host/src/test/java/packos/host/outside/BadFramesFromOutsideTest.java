package packos.host.outside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.host.linux.PackosProcess;
import packos.kernel.Address;
import packos.machine.nic.MacAddress;

/**
 * The default image's server, driver and router take thousands of broken frames from the wire
 * (runts, cut and lying IPv6 headers, bad checksums, NDP that must not be believed, oversized
 * frames, random bytes) and go on answering: a ping to the server interleaved with them is
 * answered every time, no process faults, and the router and driver count what they dropped.
 * The test is the host at the other end of a {@code udp} wire, so no root is needed.
 */
@Timeout(240)
class BadFramesFromOutsideTest {
    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final Duration ANSWER = Duration.ofSeconds(3);
    private static final MacAddress ROUTER_MAC = MacAddress.parse("52:54:00:12:34:56");
    private static final Address SERVER = Address.parse("fd00:7e8e::4");
    private static final Address DRIVER = Address.parse("fd00:7e8e::5");
    private static final Address ROUTER = Address.parse("fd00:7e8e::6");
    private static final int ROUNDS = 25, BAD_PER_ROUND = 120, IDENTIFIER = 0x0bad, STATS_PORT = 4101;

    @Test
    void theServerStillAnswersPingsBetweenThousandsOfBrokenFramesAndTheDropsAreCounted() throws Exception {
        int cardPort = FreePorts.udp(), hostPort = FreePorts.udp();
        try (var host = new OutsideHost(hostPort, cardPort, ROUTER_MAC);
             var packos = PackosProcess.start("run", "--wire", "udp:[::1]:" + cardPort + ",[::1]:" + hostPort)) {
            packos.awaitLineContaining("[server] serving", BOOT);
            packos.awaitLineContaining("[router] link up", BOOT);
            // The first ping also gets the router to resolve our address (we answer its solicitation).
            assertTrue(ping(host, 0, 10), () -> "the server never answered a ping\n" + packos.console());
            assertTrue(host.solicitationsAnswered() > 0, "the router resolved the outside host by Neighbor Discovery");

            var random = new SplittableRandom(20261126L);
            var kinds = Frames.Bad.values();
            var sent = new EnumMap<Frames.Bad, Integer>(Frames.Bad.class);
            int answered = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                for (int i = 0; i < BAD_PER_ROUND; i++) {
                    var kind = kinds[random.nextInt(kinds.length)];
                    host.send(host.frames().bad(kind, random, SERVER));
                    sent.merge(kind, 1, Integer::sum);
                    // A breath now and then, as a real link has: the card's receive ring is a few frames deep.
                    if (i % 20 == 19) Thread.sleep(1);
                }
                if (ping(host, round, 5)) answered++;
            }
            assertEquals(ROUNDS, answered, () -> "pings answered between bursts of broken frames\n" + packos.console());
            for (var kind : kinds) assertTrue(sent.getOrDefault(kind, 0) > 0, "the mix sent no " + kind);

            var router = stats(host, ROUTER, 40_001, packos);
            var driver = stats(host, DRIVER, 40_002, packos);
            assertTrue(packos.isAlive(), packos::console);
            assertFalse(packos.console().contains("faulted"), packos::console);
            // Every drop the router's Ethernet side counts by reason, for the kinds that reach it.
            var counts = counters(router);
            for (var counter : new String[] {"truncated", "wrongEtherType", "badIpv6", "ndpInvalid"}) {
                assertTrue(counts.getOrDefault(counter, 0L) > 0, () -> counter + " counted no drops: " + router);
            }
            // Frames the wire passes and the card takes (addressed to it): every one reaches the driver
            // and the router, unless the card's receive ring overflowed, which the driver counts.
            long reachingTheCard = sent.entrySet().stream()
                    .filter(e -> e.getKey() != Frames.Bad.RUNT && e.getKey() != Frames.Bad.OVERSIZED && e.getKey() != Frames.Bad.RANDOM)
                    .mapToLong(Map.Entry::getValue).sum();
            long driverIn = number(driver, "frames in (\\d+)"), overflows = number(driver, "rx overflow (\\d+)");
            long routerIn = counts.getOrDefault("framesIn", 0L);
            assertTrue(driverIn >= routerIn && routerIn > reachingTheCard / 2, () -> "driver: " + driver + "\nrouter: " + router);
            assertTrue(routerIn >= reachingTheCard || overflows > 0, () -> reachingTheCard + " frames addressed to the card, but only "
                    + routerIn + " reached the router, and no overflow was counted\ndriver: " + driver + "\nrouter: " + router);
        }
    }

    private static long number(String line, String regex) {
        var m = Pattern.compile(regex).matcher(line);
        assertTrue(m.find(), () -> "no " + regex + " in " + line);
        return Long.parseLong(m.group(1));
    }

    /** Sends echo request {@code sequence} to the server up to {@code tries} times; whether a reply came. */
    private static boolean ping(OutsideHost host, int sequence, int tries) throws Exception {
        var data = ("ping " + sequence).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < tries; i++) {
            host.send(host.frames().echoRequest(SERVER, IDENTIFIER, sequence, data));
            if (host.await(OutsideHost.echoReply(SERVER, IDENTIFIER, sequence), ANSWER).isPresent()) return true;
        }
        return false;
    }

    /**
     * The counters line a process answers on UDP 4101, asked from outside through the router
     * ("print" also puts it on the console, for the failure messages).
     */
    private static String stats(OutsideHost host, Address process, int ownPort, PackosProcess packos) throws Exception {
        for (int i = 0; i < 10; i++) {
            host.send(host.frames().udp(process, ownPort, STATS_PORT, "print".getBytes(StandardCharsets.US_ASCII)));
            var reply = host.await(OutsideHost.udpFrom(STATS_PORT, ownPort), ANSWER);
            if (reply.isPresent()) return new String(OutsideHost.udpData(reply.get()), StandardCharsets.US_ASCII);
        }
        throw new AssertionError("no counters from " + process + "\n" + packos.console());
    }

    /** The {@code name=N} counters of a line; a later name (the stack's) does not replace an earlier one (the Ethernet's). */
    private static Map<String, Long> counters(String line) {
        var counts = new HashMap<String, Long>();
        var m = Pattern.compile("(\\w+)=(\\d+)").matcher(line);
        while (m.find()) counts.putIfAbsent(m.group(1), Long.parseLong(m.group(2)));
        return counts;
    }
}
