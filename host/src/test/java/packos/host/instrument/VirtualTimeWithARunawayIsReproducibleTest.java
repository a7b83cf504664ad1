package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.hostile.run.EndlessLoop;

/**
 * docs/ARCHITECTURE.md section 4 holds with a runaway on the machine: preemption points count virtual CPU
 * time in polls, not host time, so a virtual-time run is still a function of its config and seed.
 */
@Timeout(120)
class VirtualTimeWithARunawayIsReproducibleTest {
    @Test
    void runawayBesideAVictimGivesByteIdenticalCapturesTwice(@TempDir Path dir) throws Exception {
        var config = RunawayProgramsAreContainedTest.victimBeside(dir, "virtual", "runaway", EndlessLoop.class).toString();
        var first = dir.resolve("first.pcapng");
        var second = dir.resolve("second.pcapng");
        var a = Packos.run("run", config, "--seed", "7", "--pcap", first.toString(), "--timeout", "60");
        var b = Packos.run("run", config, "--seed", "7", "--pcap", second.toString(), "--timeout", "60");
        assertEquals(0, a.status(), a::transcript);
        assertEquals(0, b.status(), b::transcript);
        RunawayProgramsAreContainedTest.assertVictimOnTime(a, "virtual");
        // Ten timer ticks, ten timer requests and replies at least: the trace is not empty.
        assertTrue(Files.size(first) > 1000, "the capture holds too few packets");
        long mismatch = Files.mismatch(first, second);
        assertEquals(-1L, mismatch, () -> "the captures differ from byte " + mismatch);
        assertEquals(a.out(), b.out(), "the console output differs between the two runs");
    }
}
