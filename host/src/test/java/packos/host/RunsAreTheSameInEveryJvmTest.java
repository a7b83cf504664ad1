package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packos.host.linux.PackosProcess;
import packos.hostile.determinism.HashLeaks;
import packos.hostile.determinism.HostDefaults;
import packos.hostile.determinism.LoaderNames;
import packos.hostile.determinism.OverflowDepth;
import packos.hostile.determinism.OverflowInConstructors;
import packos.hostile.determinism.OverflowThroughTheJdk;

/**
 * Same config, same seed, same programs: the same bytes, in every JVM. Identity hash codes and the
 * JDK's salted set and map orders differ from one JVM run to the next, so each run here is a JVM
 * of its own, as a user's runs are, and the console and the capture are compared byte for byte.
 */
@Timeout(300)
class RunsAreTheSameInEveryJvmTest {
    @TempDir
    Path dir;

    @Test
    void aProgramThatPrintsIdentityHashesAndHashOrdersPrintsTheSameInEveryRun() throws Exception {
        var config = PackosCommand.config(dir, "leaks.boot", "machine cpus=1 clock=virtual seed=3",
                "process name=leaks program=" + HashLeaks.class.getName(),
                "process name=names program=" + LoaderNames.class.getName() + " after=leaks");
        var first = run(config.toString(), null);
        var second = run(config.toString(), null);
        assertTrue(first.contains("[leaks] value of "), first);
        assertEquals(first, second, "two JVMs printed different consoles");
        // And a third run in this JVM, after everything the test JVM has hashed: still the same.
        var here = PackosCommand.run("run", config.toString());
        assertEquals(0, here.status(), here::transcript);
        assertEquals(leaksLines(first), leaksLines(here.out()));
        assertTrue(first.contains("[leaks] hash set [RED, GREEN, BLUE, CYAN, MAGENTA, YELLOW, BLACK, WHITE]"), first);
        assertTrue(first.contains("[leaks] set of [alpha, beta, gamma, delta, epsilon, zeta, eta]"), first);
        assertTrue(first.contains("[leaks] new hash map LinkedHashMap"), first);
        // The JVM names a class loader with its identity hash in a ClassCastException's message.
        assertTrue(first.contains("[names] cast: class " + LoaderNames.class.getName() + "$Apple cannot be cast"), first);
        assertTrue(first.lines().filter(l -> l.startsWith("[names]")).noneMatch(l -> l.contains(" @")), first);
    }

    @Test
    void aProgramThatRecursesUntilItsStackOverflowsOverflowsAtTheSameDepthInEveryRun() throws Exception {
        // Where a real overflow comes depends on what the JIT had compiled: 11,374 and 19,255 in two runs.
        var config = PackosCommand.config(dir, "deep.boot", "machine cpus=1 clock=virtual seed=3",
                "process name=deep program=" + OverflowDepth.class.getName(),
                // Through streams, whose frames the program's count does not see: 2,961 and 3,361 levels in two runs.
                "process name=streams program=" + OverflowThroughTheJdk.class.getName() + " after=deep",
                "process name=nodes program=" + OverflowInConstructors.class.getName() + " after=streams");
        var first = run(config.toString(), null);
        var second = run(config.toString(), null);
        var here = PackosCommand.run("run", config.toString());
        assertEquals(0, here.status(), here::transcript);
        var depths = first.lines().filter(l -> l.startsWith("[deep] overflowed at depth ")).toList();
        assertEquals(3, depths.size(), first);
        assertEquals(1, depths.stream().distinct().count(), () -> "three rounds in one run overflowed at different depths: " + depths);
        assertEquals(first, second, "two JVMs overflowed at different depths");
        assertEquals(depths, here.out().lines().filter(l -> l.startsWith("[deep] overflowed")).toList(), "this JVM overflowed elsewhere");
        var streamDepths = first.lines().filter(l -> l.startsWith("[streams] overflowed at depth ")).toList();
        assertEquals(3, streamDepths.size(), first);
        assertEquals(1, streamDepths.stream().distinct().count(), () -> "recursion through streams overflowed at different depths: " + streamDepths);
        assertEquals(streamDepths, here.out().lines().filter(l -> l.startsWith("[streams] overflowed")).toList(), "this JVM overflowed elsewhere");
        var nodeDepths = first.lines().filter(l -> l.startsWith("[nodes] overflowed at depth ")).toList();
        assertEquals(3, nodeDepths.size(), first);
        assertEquals(1, nodeDepths.stream().distinct().count(), () -> "recursion through constructors overflowed at different depths: " + nodeDepths);
        assertEquals(nodeDepths, here.out().lines().filter(l -> l.startsWith("[nodes] overflowed")).toList(), "this JVM overflowed elsewhere");
        int depth = Integer.parseInt(depths.getFirst().substring("[deep] overflowed at depth ".length()));
        assertTrue(depth >= 10_000, "a small method may recurse at least 10,000 deep, not " + depth);
    }

    @Test
    void aProgramReadingTheHostsLocaleAndTimeZoneThroughTheJdkPrintsTheSameOnEveryHost() throws Exception {
        var config = PackosCommand.config(dir, "defaults.boot", "machine cpus=1 clock=virtual seed=3",
                "process name=defaults program=" + HostDefaults.class.getName());
        String plain;
        String turkishTokyo;
        try (var packos = PackosProcess.start("run", config.toString())) {
            assertEquals(0, packos.awaitExit(Duration.ofSeconds(120)), packos::console);
            plain = packos.console();
        }
        try (var packos = PackosProcess.startWith(List.of("-Duser.language=tr", "-Duser.country=TR", "-Duser.timezone=Asia/Tokyo"),
                "run", config.toString())) {
            assertEquals(0, packos.awaitExit(Duration.ofSeconds(120)), packos::console);
            turkishTokyo = packos.console();
        }
        assertEquals(plain, turkishTokyo, "a Turkish host in Tokyo printed otherwise");
        assertTrue(plain.contains("[defaults] upper TITLE lower title"), plain);
        assertTrue(plain.contains("[defaults] format 1,234,567 1.50"), plain);
        assertTrue(plain.contains("[defaults] date Thu Jan 01 00:00:00 UTC 1970"), plain);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simple", "timer", "tcp", "httpd-check", "pci", "echo"})
    void everyImageGivesTheSameConsoleAndCaptureInTwoJvms(String image) throws Exception {
        var firstPcap = dir.resolve(image + "-1.pcapng");
        var secondPcap = dir.resolve(image + "-2.pcapng");
        var first = run(image, firstPcap);
        var second = run(image, secondPcap);
        assertEquals(first, second, "the two consoles of " + image + " differ");
        long mismatch = Files.mismatch(firstPcap, secondPcap);
        assertEquals(-1L, mismatch, () -> "the two captures of " + image + " differ from byte " + mismatch);
    }

    /** One run of {@code packos run} in a JVM of its own, one CPU, virtual time, seed 7; its console. */
    private static String run(String image, Path pcap) throws IOException, InterruptedException {
        var args = new java.util.ArrayList<>(List.of("run", image, "--cpus", "1", "--clock", "virtual", "--seed", "7"));
        if (pcap != null) args.addAll(List.of("--pcap", pcap.toString()));
        try (var packos = PackosProcess.start(args.toArray(String[]::new))) {
            int status = packos.awaitExit(Duration.ofSeconds(120));
            assertEquals(0, status, packos::console);
            return packos.console();
        }
    }

    private static List<String> leaksLines(String console) {
        return console.lines().filter(l -> l.startsWith("[leaks]")).toList();
    }
}
