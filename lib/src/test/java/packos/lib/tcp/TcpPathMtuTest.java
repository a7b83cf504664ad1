package packos.lib.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.lib.tcp.ScriptedPeer.OUR_ISS;

import org.junit.jupiter.api.Test;

/** Packet Too Big from a router on the path (RFC 8201): segments shrink and what was dropped goes again. */
class TcpPathMtuTest {
    private static final TcpConfig CONFIG = TcpConfig.defaults();
    /** MSS option 8940: a peer on a 9000-byte link. */
    private static final String JUMBO_MSS = "020422ec";

    private static ScriptedPeer sendingJumboSegments() {
        var t = new ScriptedPeer(CONFIG, 9000);
        t.openActive(JUMBO_MSS);
        assertEquals(8940, t.conn.sendMss());
        var data = new byte[30_000];
        t.conn.write(data, 0, data.length, t.now);
        assertTrue(t.drain().stream().anyMatch(h -> h.payloadLength() == 8940), "full-size segments in flight");
        return t;
    }

    @Test
    void packetTooBigShrinksTheSegmentsAndResendsWhatWasInFlightAtOnce() {
        var t = sendingJumboSegments();
        t.conn.packetTooBig(1500, t.now);
        assertEquals(1440, t.conn.sendMss());
        var resent = t.drain();
        assertFalse(resent.isEmpty(), "resent without waiting for the retransmission timer");
        assertEquals(OUR_ISS + 1, resent.getFirst().sequence());
        assertTrue(resent.stream().allMatch(h -> h.payloadLength() <= 1440), "every segment fits the new MTU");
        assertEquals(1, t.conn.stats().pathMtuReductions());
    }

    @Test
    void aLargerMtuNeverRaisesItAndOneBelow1280CountsAs1280() {
        var t = sendingJumboSegments();
        t.conn.packetTooBig(1500, t.now);
        t.conn.packetTooBig(4000, t.now);
        assertEquals(1440, t.conn.sendMss(), "RFC 8201: a Packet Too Big never raises the path MTU");
        t.conn.packetTooBig(600, t.now);
        assertEquals(1220, t.conn.sendMss(), "IPv6 links carry 1280 bytes: the MSS never goes below 1220");
    }
}
