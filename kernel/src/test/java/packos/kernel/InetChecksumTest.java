package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast checksum against the RFC 1071 definition, word by word, at every alignment and length. */
class InetChecksumTest {
    /** RFC 1071 as written: 16-bit big-endian words, an odd last byte padded with zero. */
    private static int reference(byte[] b, int off, int len, long initial) {
        long sum = initial;
        int i = off;
        for (; i + 1 < off + len; i += 2) sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        if (i < off + len) sum += (b[i] & 0xff) << 8;
        return InetChecksum.finish(sum);
    }

    @Test
    void fastSumMatchesTheDefinitionForEveryOffsetAndLength() {
        var random = new SplittableRandom(1071);
        var b = new byte[70_000];
        random.nextBytes(b);
        for (int len = 0; len < 300; len++) {
            for (int off = 0; off < 9; off++) {
                long initial = random.nextLong(0, 1L << 20);
                assertEquals(reference(b, off, len, initial), InetChecksum.finish(InetChecksum.sum(b, off, len, initial)), "offset " + off + " length " + len);
            }
        }
        for (int k = 0; k < 200; k++) {
            int off = random.nextInt(0, 1000), len = random.nextInt(0, b.length - off);
            assertEquals(reference(b, off, len, 0), InetChecksum.finish(InetChecksum.sum(b, off, len)), "offset " + off + " length " + len);
        }
    }

    @Test
    void allOnesPagesDoNotOverflowTheWideSums() {
        var b = new byte[65_575];
        java.util.Arrays.fill(b, (byte) 0xff);
        assertEquals(reference(b, 0, b.length, 0xffffL), InetChecksum.finish(InetChecksum.sum(b, 0, b.length, 0xffffL)));
        assertEquals(reference(b, 3, b.length - 3, 0), InetChecksum.finish(InetChecksum.sum(b, 3, b.length - 3, 0)));
    }
}
