package packos.lib.tcp;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import packos.kernel.Address;

class InitialSequenceNumbersTest {
    private static final Address A = Address.parse("fd00::1");
    private static final Address B = Address.parse("fd00::2");

    @Test
    void theSameSecretTupleAndTimeGiveTheSameIsn() {
        assertEquals(new InitialSequenceNumbers(7).next(A, 1000, B, 80, 123_456_789),
                new InitialSequenceNumbers(7).next(A, 1000, B, 80, 123_456_789));
    }

    @Test
    void theIsnAdvancesWithAFourMicrosecondClock() {
        var isn = new InitialSequenceNumbers(7);
        long t0 = isn.next(A, 1000, B, 80, 0);
        assertEquals(t0, isn.next(A, 1000, B, 80, 3_999));
        assertEquals((t0 + 1) & 0xffffffffL, isn.next(A, 1000, B, 80, 4_000));
        assertEquals((t0 + 250_000) & 0xffffffffL, isn.next(A, 1000, B, 80, 1_000_000_000));
    }

    @Test
    void anotherTupleOrSecretGivesAnUnrelatedIsn() {
        var isn = new InitialSequenceNumbers(7);
        long base = isn.next(A, 1000, B, 80, 0);
        assertNotEquals(base, isn.next(A, 1001, B, 80, 0));
        assertNotEquals(base, isn.next(B, 1000, A, 80, 0));
        assertNotEquals(base, new InitialSequenceNumbers(8).next(A, 1000, B, 80, 0));
        // Adjacent ports must not give adjacent numbers (RFC 6528: unpredictable off-path).
        long d = Math.abs(isn.next(A, 1001, B, 80, 0) - base);
        assertTrue(d > 1_000_000, "difference " + d);
    }

    @Test
    void theIsnIsA32BitNumber() {
        var isn = new InitialSequenceNumbers(-1);
        for (int port = 1; port < 2000; port++) {
            long v = isn.next(A, port, B, 80, Long.MAX_VALUE / 2);
            assertTrue(v >= 0 && v <= 0xffffffffL);
        }
    }
}
