package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.hostile.contain.EchoClient;
import packos.hostile.contain.FlakyEchoService;

/**
 * A boot config with link lines, through {@code packos run}: an echo client that retries on a
 * timeout gets every answer across a lossy, duplicating, reordering, corrupting, slow link, and
 * two virtual-time runs of the image write the same capture byte for byte.
 */
@Timeout(120)
class ImpairedLinksThroughThePackosCommandTest {
    private static final int ECHOES = 60;
    private static final Pattern LINKS = Pattern.compile(
            "\\[kernel] links: (\\d+) lost, (\\d+) duplicated, (\\d+) corrupted, (\\d+) reordered, (\\d+) delayed, (\\d+) dropped by a full link queue, (\\d+) dropped at a full or ended receiver");

    /** An echo service that never faults (one in 10^12) and a client of it, with {@code link} lines. */
    private static Path image(Path dir, String name, String... links) throws Exception {
        var lines = new java.util.ArrayList<String>();
        lines.add("machine cpus=1 clock=virtual hz=100 seed=7");
        lines.add("process name=echo program=" + FlakyEchoService.class.getName() + " arg=1000000000000 daemon=yes");
        lines.add("process name=client program=" + EchoClient.class.getName() + " arg=fd00:7e8e::3 arg=" + ECHOES + " after=echo");
        lines.addAll(java.util.List.of(links));
        return PackosCommand.config(dir, name + ".boot", lines.toArray(String[]::new));
    }

    @Test
    void twoVirtualTimeRunsOfAnImpairedImageWriteByteIdenticalCapturesAndTheClientGetsEveryEcho(@TempDir Path dir) throws Exception {
        var boot = image(dir, "impaired",
                "link between=client,echo loss=10% duplicate=5% reorder=10% corrupt=5% delay=2ms jitter=1ms rate=10mbit");
        var first = dir.resolve("1.pcapng");
        var second = dir.resolve("2.pcapng");
        var a = PackosCommand.run("run", boot.toString(), "--pcap", first.toString());
        var b = PackosCommand.run("run", boot.toString(), "--pcap", second.toString());
        assertEquals(0, a.status(), a::transcript);
        assertEquals(0, b.status(), b::transcript);
        long mismatch = Files.mismatch(first, second);
        assertEquals(-1L, mismatch, () -> "the two captures differ from byte " + mismatch);
        assertEquals(a.out(), b.out());

        var client = a.outLines().stream().filter(l -> l.startsWith("[client] client: ")).findFirst().orElseThrow();
        var retries = Pattern.compile(".* (\\d+) retries").matcher(client);
        assertTrue(retries.matches() && Integer.parseInt(retries.group(1)) > 0, "lost and corrupted packets were asked for again: " + client);
        assertTrue(client.startsWith("[client] client: " + ECHOES + " echoes"), client);

        var links = a.outLines().stream().map(LINKS::matcher).filter(java.util.regex.Matcher::matches).findFirst().orElseThrow();
        for (int kind = 1; kind <= 5; kind++) {
            assertTrue(Long.parseLong(links.group(kind)) > 0, "every kind of impairment happened: " + links.group());
        }
    }

    @Test
    void theLinkLinesChangeTheTraceAndAPerfectImageReportsNoLinks(@TempDir Path dir) throws Exception {
        var impaired = dir.resolve("impaired.pcapng");
        var perfect = dir.resolve("perfect.pcapng");
        var a = PackosCommand.run("run", image(dir, "impaired", "link between=client,echo loss=20%").toString(), "--pcap", impaired.toString());
        var b = PackosCommand.run("run", image(dir, "perfect").toString(), "--pcap", perfect.toString());
        assertEquals(0, a.status(), a::transcript);
        assertEquals(0, b.status(), b::transcript);
        assertNotEquals(-1L, Files.mismatch(impaired, perfect));
        assertTrue(b.outLines().stream().noneMatch(l -> l.startsWith("[kernel] links:")), b::transcript);
        assertTrue(b.out().contains("client: " + ECHOES + " echoes from 1 lives of the service, 0 retries"), b::transcript);
    }

    @Test
    void aKanWideLinkThatLosesEverythingLeavesTheSchedulersTimersExact(@TempDir Path dir) throws Exception {
        String machine = "machine cpus=1 clock=virtual hz=100 seed=3";
        String timers = "process name=timers program=packos.samples.timer.TimerDemo";
        var perfect = PackosCommand.run("run", PackosCommand.config(dir, "perfect.boot", machine, timers).toString());
        var lossy = PackosCommand.run("run", PackosCommand.config(dir, "lossy.boot", machine, timers,
                "link loss=100% corrupt=100% delay=1s").toString());
        assertEquals(0, perfect.status(), perfect::transcript);
        assertEquals(0, lossy.status(), lossy::transcript);
        var ticks = lossy.outLines().stream().filter(l -> l.startsWith("[timers]")).toList();
        assertTrue(ticks.size() > 5, lossy::transcript);
        assertEquals(perfect.outLines().stream().filter(l -> l.startsWith("[timers]")).toList(), ticks,
                "ticks from the timer service are spared by the KAN-wide link");
        assertTrue(lossy.out().contains("[kernel] links: 0 lost, 0 duplicated, 0 corrupted"), lossy::transcript);
    }

    @Test
    void aLinkLineNamingNoProcessIsAConfigError(@TempDir Path dir) throws Exception {
        var r = PackosCommand.run("run", image(dir, "typo", "link between=client,ecko loss=2%").toString());
        assertEquals(2, r.status(), r::transcript);
        assertTrue(r.err().contains("typo.boot:4: link: between=client,ecko names 'ecko', which no process line names"), r::transcript);
    }
}
