package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/ARCHITECTURE.md section 4: with one CPU and virtual time a run is a function of its boot config and
 * seed, so the packet trace is the same byte for byte every time. (A different seed may give a
 * different trace; nothing here says it must.)
 */
@Timeout(60)
class VirtualTimeRunsAreReproducibleTest {
    /** A pcapng section header block alone is 28 bytes; a trace with packets is longer. */
    private static final int EMPTY_PCAPNG = 64;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"simple", "timer", "httpd-check", "pci"})
    void sameImageAndSeedInVirtualTimeWriteByteIdenticalCaptures(String image, @TempDir Path dir) throws Exception {
        var first = dir.resolve(image + "-1.pcapng");
        var second = dir.resolve(image + "-2.pcapng");
        var a = PackosCommand.run("run", image, "--cpus", "1", "--clock", "virtual", "--seed", "7", "--pcap", first.toString());
        var b = PackosCommand.run("run", image, "--cpus", "1", "--clock", "virtual", "--seed", "7", "--pcap", second.toString());
        assertEquals(0, a.status(), a::transcript);
        assertEquals(0, b.status(), b::transcript);
        assertTrue(Files.size(first) > EMPTY_PCAPNG, () -> "the capture of " + image + " holds no packets");
        long mismatch = Files.mismatch(first, second);
        assertEquals(-1L, mismatch, () -> "the two captures of " + image + " differ from byte " + mismatch
                + " (sizes " + size(first) + " and " + size(second) + ")");
        assertEquals(a.out(), b.out(), "the console output differs between the two runs");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
