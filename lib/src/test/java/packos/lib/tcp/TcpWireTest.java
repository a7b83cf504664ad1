package packos.lib.tcp;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.tcp.ScriptedPeer.*;
import static packos.lib.wire.TcpHeader.*;

import org.junit.jupiter.api.Test;
import packos.lib.wire.TcpHeader;

/** What the connection puts on the wire, byte for byte where Linux has a fixed layout. */
class TcpWireTest {
    private static final long MS = TcpConfig.MILLISECOND;
    private static final TcpConfig CONFIG = TcpConfig.defaults();

    private static long tsVal(TcpHeader h) { return h.packet().u32(h.optionsOffset() + (h.has(SYN) ? 8 : 4)); }

    private static long tsEcr(TcpHeader h) { return h.packet().u32(h.optionsOffset() + (h.has(SYN) ? 12 : 8)); }

    @Test
    void synCarriesMssSackPermittedTimestampsNopWindowScaleInLinuxOrder() {
        var t = new ScriptedPeer(CONFIG, 1500);
        t.conn.connect(t.now);
        var syn = t.last();
        assertEquals(40, syn.headerLength());
        String hex = t.optionsHex(syn);
        // MSS 1440 (1500 - 60), SACK_PERM, TS(tsval, 0), NOP, WS 3 (256 KiB needs a shift of 3).
        assertEquals("020405a0" + "0402" + "080a", hex.substring(0, 16));
        assertEquals("00000000" + "01030303", hex.substring(24));
        assertEquals(65535, syn.window());
        long first = tsVal(syn);
        t.sent.clear();
        t.fireTimer();
        assertEquals((first + 1000) & 0xffffffffL, tsVal(t.last()), "TSval counts milliseconds of the caller's time");
    }

    @Test
    void theMssOfferedFollowsTheMtu() {
        var t = new ScriptedPeer(CONFIG, 65_575);
        t.conn.connect(t.now);
        assertEquals("0204ffeb", t.optionsHex(t.last()).substring(0, 8)); // 65515
    }

    @Test
    void synAckAnswersTheOptionsThePeerOffered() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.acceptSyn(t.segment().seq(PEER_ISS).flags(SYN).options(LINUX_SYN_OPTIONS).build(), t.now);
        var synAck = t.last();
        String hex = t.optionsHex(synAck);
        assertEquals("020405a0" + "0402" + "080a", hex.substring(0, 16));
        assertEquals("000003e8" + "01030303", hex.substring(24), "echoes the peer's TSval 1000 and offers WS 3");
        assertTrue(t.conn.timestampsOn() && t.conn.sackOn());
        assertEquals(7, t.conn.sendScale());
        assertEquals(3, t.conn.receiveScale());
    }

    @Test
    void synAckToAPeerWithoutOptionsOffersOnlyTheMss() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.acceptSyn(t.segment().seq(PEER_ISS).flags(SYN).build(), t.now);
        assertEquals("020405a0", t.optionsHex(t.last()));
        assertFalse(t.conn.timestampsOn() || t.conn.sackOn());
        assertEquals(0, t.conn.receiveScale());
    }

    @Test
    void dataSegmentsCarryNopNopTimestampsEchoingThePeer() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive(LINUX_SYN_OPTIONS);
        t.conn.write(new byte[100], 0, 100, t.now);
        var data = t.last();
        assertEquals(32, data.headerLength());
        assertEquals("0101080a", t.optionsHex(data).substring(0, 8));
        assertEquals(1000, tsEcr(data));
        assertEquals(100, data.payloadLength());
        assertEquals(ACK | PSH, data.flags());
    }

    @Test
    void outOfOrderDataIsAcknowledgedAtOnceWithSackBlocksMostRecentFirst() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive(LINUX_SYN_OPTIONS);
        long base = PEER_ISS + 1;
        String ts = "0101080a000003e900000000";
        for (long off : new long[]{1000, 3000, 2000, 4000}) {
            t.segment().seq(base + off).options(ts).payload(100).deliver();
        }
        var ack = t.last();
        assertEquals(base, ack.acknowledgement());
        String hex = t.optionsHex(ack);
        assertEquals(12 + 4 + 24, ack.optionsLength(), "timestamps leave room for three blocks");
        assertEquals("0101080a", hex.substring(0, 8));
        assertEquals(String.format("0101051a%08x%08x%08x%08x%08x%08x", base + 4000, base + 4100, base + 2000, base + 2100, base + 3000, base + 3100),
                hex.substring(24));
        // Extending the oldest block moves it to the front.
        t.segment().seq(base + 1100).options(ts).payload(100).deliver();
        assertEquals(String.format("%08x%08x", base + 1000, base + 1200), t.optionsHex(t.last()).substring(32, 48));
        assertEquals(5, t.conn.stats().outOfOrder());
    }

    @Test
    void fillingTheGapMakesAllOfItReadableAndDropsTheSackOption() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive(LINUX_SYN_OPTIONS);
        long base = PEER_ISS + 1;
        byte[] all = new byte[3000];
        for (int i = 0; i < all.length; i++) all[i] = (byte) (i * 31);
        t.segment().seq(base + 2000).payload(java.util.Arrays.copyOfRange(all, 2000, 3000)).deliver();
        t.segment().seq(base + 1000).payload(java.util.Arrays.copyOfRange(all, 1000, 2000)).deliver();
        assertEquals(0, t.conn.readable());
        t.segment().seq(base).payload(java.util.Arrays.copyOfRange(all, 0, 1000)).deliver();
        var ack = t.last();
        assertEquals(base + 3000, ack.acknowledgement());
        assertEquals(12, ack.optionsLength());
        var got = new byte[4000];
        assertEquals(3000, t.conn.read(got, 0, got.length, t.now));
        assertArrayEquals(all, java.util.Arrays.copyOf(got, 3000));
    }

    @Test
    void thePeersWindowIsScaledByItsShiftAndOursByOurs() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive(LINUX_SYN_OPTIONS);
        t.segment().window(10).deliver();
        assertEquals(10 << 7, t.conn.sendWindow());
        t.segment().payload(100).deliver();
        t.fireTimer(); // delayed ACK
        assertEquals((CONFIG.receiveBuffer() - 100) >> 3, t.last().window());
    }

    @Test
    void theWindowAPeerSendsInItsSynIsNeverScaled() {
        var t = new ScriptedPeer(CONFIG);
        t.conn.connect(t.now);
        t.segment().seq(PEER_ISS).ack(OUR_ISS + 1).flags(SYN | ACK).window(1000).options(LINUX_SYN_OPTIONS).deliver();
        assertEquals(1000, t.conn.sendWindow());
    }

    @Test
    void noSegmentExceedsThePeersMss() {
        var t = new ScriptedPeer(CONFIG, 9000);
        t.openActive("02040218" + "0402080a000003e800000000" + "01030307"); // MSS 536
        var data = new byte[20_000];
        t.conn.write(data, 0, data.length, t.now);
        var sent = t.drain();
        assertFalse(sent.isEmpty());
        for (var h : sent) assertTrue(h.payloadLength() + h.optionsLength() <= 536, "segment of " + h.payloadLength() + " + options");
        assertEquals(536 - 12, sent.get(0).payloadLength());
    }

    @Test
    void aPeerWithoutAnMssOptionGetsTheIpv6DefaultOf1220() {
        var t = new ScriptedPeer(CONFIG, 9000);
        t.openActive("");
        t.conn.write(new byte[5000], 0, 5000, t.now);
        assertEquals(TcpConnection.DEFAULT_IPV6_MSS, t.drain().get(0).payloadLength());
    }

    @Test
    void malformedOptionsAreCountedAndIgnoredWithoutHurtingTheConnection() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive(LINUX_SYN_OPTIONS);
        t.segment().options("0205000000000000").payload(10).deliver();
        assertEquals(1, t.conn.stats().badOptions());
        assertEquals(10, t.conn.readable());
        assertEquals(TcpState.ESTABLISHED, t.conn.state());
    }

    @Test
    void pawsDropsASegmentWithAnOldTimestampAndAcknowledges() {
        var t = new ScriptedPeer(CONFIG);
        t.openActive(LINUX_SYN_OPTIONS);
        t.segment().options("0101080a0000070000000000").payload(10).deliver();
        t.sent.clear();
        t.segment().options("0101080a0000060000000000").payload(10).deliver(); // TSval went backwards
        assertEquals(10, t.conn.readable());
        assertEquals(1, t.conn.stats().pawsRejected());
        assertEquals(ACK, t.last().flags());
    }
}
