package packos.samples.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StreamPatternTest {

    private final StreamPattern pattern = new StreamPattern(42);

    @Test
    void piecesAtAnyOffsetMatchTheWholeStream() {
        var whole = new byte[1_000];
        pattern.fill(0, whole, 0, whole.length);
        var pieces = new byte[1_000];
        int[] cuts = {0, 3, 8, 13, 500, 997, 1_000};
        for (int i = 0; i + 1 < cuts.length; i++) {
            pattern.fill(cuts[i], pieces, cuts[i], cuts[i + 1] - cuts[i]);
        }
        assertArrayEquals(whole, pieces);
    }

    @Test
    void aChangedByteIsFoundAtItsStreamOffset() {
        var chunk = new byte[100];
        pattern.fill(1_000_005, chunk, 0, chunk.length);
        assertEquals(-1, pattern.firstMismatch(1_000_005, chunk, 0, chunk.length));
        chunk[37] ^= 1;
        assertEquals(1_000_042, pattern.firstMismatch(1_000_005, chunk, 0, chunk.length));
    }

    @Test
    void theSameBytesAtAnotherOffsetOrSeedDoNotMatch() {
        var chunk = new byte[64];
        pattern.fill(0, chunk, 0, chunk.length);
        assertNotEquals(-1, pattern.firstMismatch(8, chunk, 0, chunk.length));
        assertNotEquals(-1, new StreamPattern(43).firstMismatch(0, chunk, 0, chunk.length));
        var zeros = new byte[64];
        Arrays.fill(zeros, (byte) 0);
        assertNotEquals(-1, pattern.firstMismatch(0, zeros, 0, zeros.length));
    }
}
