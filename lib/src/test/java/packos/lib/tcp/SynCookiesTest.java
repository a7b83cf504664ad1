package packos.lib.tcp;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import packos.kernel.Address;

class SynCookiesTest {
    private static final Address US = Address.parse("fd00::5");
    private static final Address PEER = Address.parse("2001:db8::77");
    private static final long T = 10 * SynCookies.PERIOD_NANOS + 123_456_789L;

    @Test
    void aCookieGivesBackItsMssIndexForItsOwnTupleAndClientIsn() {
        var cookies = new SynCookies(42);
        for (int index = 0; index < SynCookies.tableSize(); index++) {
            long c = cookies.make(US, 80, PEER, 40000, 0xfffffff0L, index, T);
            assertEquals(index, cookies.check(US, 80, PEER, 40000, 0xfffffff0L, c, T));
        }
    }

    @Test
    void aCookieIsGoodForItsPeriodAndTheNextAndStaleAfter() {
        var cookies = new SynCookies(42);
        long c = cookies.make(US, 80, PEER, 40000, 7, 3, T);
        assertEquals(3, cookies.check(US, 80, PEER, 40000, 7, c, T + SynCookies.PERIOD_NANOS));
        assertEquals(-1, cookies.check(US, 80, PEER, 40000, 7, c, T + 2 * SynCookies.PERIOD_NANOS));
        assertEquals(-1, cookies.check(US, 80, PEER, 40000, 7, c, T - SynCookies.PERIOD_NANOS), "a cookie from the future");
        // The count wraps at 256 periods without making an old cookie good again for long: only the same two periods would.
        assertEquals(-1, cookies.check(US, 80, PEER, 40000, 7, c, T + 100 * SynCookies.PERIOD_NANOS));
    }

    @Test
    void anotherTupleClientIsnOrSecretRefusesTheCookie() {
        var cookies = new SynCookies(42);
        long c = cookies.make(US, 80, PEER, 40000, 7, 1, T);
        assertEquals(-1, cookies.check(US, 80, PEER, 40001, 7, c, T));
        assertEquals(-1, cookies.check(US, 81, PEER, 40000, 7, c, T));
        assertEquals(-1, cookies.check(US, 80, Address.parse("2001:db8::78"), 40000, 7, c, T));
        assertEquals(-1, new SynCookies(43).check(US, 80, PEER, 40000, 7, c, T));
        // As in Linux's scheme the client ISN and the MSS index add up in the low bits: a small
        // change of either moves the index, a larger one takes it out of the table.
        assertEquals(-1, cookies.check(US, 80, PEER, 40000, 7 + 100, c, T));
        assertEquals(-1, cookies.check(US, 80, PEER, 40000, 7, (c + 100) & 0xffffffffL, T));
        assertEquals(-1, cookies.check(US, 80, PEER, 40000, 7, (c + (1L << 24)) & 0xffffffffL, T), "another count");
    }

    @Test
    void guessedCookiesAlmostNeverPass() {
        var cookies = new SynCookies(42);
        var random = new SplittableRandom(1);
        int passed = 0;
        for (int i = 0; i < 200_000; i++) {
            if (cookies.check(US, 80, PEER, random.nextInt(1, 65536), random.nextLong(1L << 32), random.nextLong(1L << 32), T) >= 0) passed++;
        }
        assertTrue(passed <= 1, passed + " of 200000 random cookies passed");
    }

    @Test
    void theMssIndexRoundsThePeersMssDownToTheTable() {
        assertEquals(536, SynCookies.mss(SynCookies.mssIndex(100)), "below the table: its smallest");
        assertEquals(536, SynCookies.mss(SynCookies.mssIndex(1219)));
        assertEquals(1220, SynCookies.mss(SynCookies.mssIndex(1220)));
        assertEquals(1440, SynCookies.mss(SynCookies.mssIndex(1460)));
        assertEquals(4036, SynCookies.mss(SynCookies.mssIndex(4036)));
        assertEquals(8940, SynCookies.mss(SynCookies.mssIndex(9000)));
        assertEquals(65475, SynCookies.mss(SynCookies.mssIndex(65535)));
    }

    @Test
    void theTimestampCarriesWindowScaleAndSackAndNeverRunsAhead() {
        for (long now : new long[] {0x12345678L, 0x40L, 0x7fL, 0xffffffffL}) {
            for (int scale = -1; scale <= 14; scale++) {
                for (boolean sack : new boolean[] {false, true}) {
                    long ts = SynCookies.timestamp(now, scale, sack);
                    assertEquals(new SynCookies.Echoed(scale, sack), SynCookies.echoed(ts));
                    assertTrue((int) (now - ts) >= 0 && now - ts < 64 || now < 64, "ts " + ts + " for now " + now);
                }
            }
        }
    }
}
