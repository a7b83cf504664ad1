package packos.lib.tcp;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.tcp.ScriptedPeer.*;
import static packos.lib.wire.TcpHeader.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loss recovery, flow control and acknowledgement policy, mostly between two real connections. */
class TcpBehaviourTest {
    private static final long MS = TcpConfig.MILLISECOND;
    private static final long US = 1_000;
    private static final long SECOND = TcpConfig.SECOND;

    private static SimulatedNetwork.Impairment lossy(double loss) {
        return new SimulatedNetwork.Impairment(loss, 0, 0, 0, MS, 0, 125_000_000L, 50 * MS);
    }

    @Test
    void oneLostSegmentIsRepairedByFastRetransmitNotByTheTimer() {
        var net = new SimulatedNetwork(1, SimulatedNetwork.Impairment.perfect(MS), 1500);
        int[] dataSegments = {0};
        net.dropIf = (from, h) -> from == net.client && h.payloadLength() > 0 && ++dataSegments[0] == 20;
        net.open(TcpConfig.defaults(), TcpConfig.defaults());
        var bulk = BulkTransfer.clientToServer(net, 1, 500_000);
        net.runUntil(bulk::complete, bulk, 10 * SECOND);
        var s = net.client.connection.stats();
        assertEquals(1, s.fastRetransmits());
        assertEquals(1, s.retransmits());
        assertEquals(0, s.timeouts());
        assertEquals(1, s.sackRecoveries());
    }

    /** RFC 6582's "recover" starts at the ISS, below the first data byte: losing that byte is a loss like any other. */
    @ParameterizedTest(name = "sack {0}")
    @ValueSource(booleans = {true, false})
    void theFirstDataSegmentLostIsRepairedByFastRetransmitNotByTheTimer(boolean sack) {
        var net = new SimulatedNetwork(6, SimulatedNetwork.Impairment.perfect(MS), 1500);
        int[] dataSegments = {0};
        net.dropIf = (from, h) -> from == net.client && h.payloadLength() > 0 && ++dataSegments[0] == 1;
        var config = TcpConfig.defaults().withOptions(sack, true, true);
        net.open(config, config);
        var bulk = BulkTransfer.clientToServer(net, 6, 200_000);
        net.runUntil(bulk::complete, bulk, 10 * SECOND);
        var s = net.client.connection.stats();
        assertEquals(1, s.fastRetransmits(), s.toString());
        assertEquals(0, s.timeouts(), s.toString());
        assertTrue(bulk.complete());
    }

    @Test
    void sackRecoveryIsUsedWhenBothSidesOfferSack() {
        var net = new SimulatedNetwork(2, lossy(0.03), 1500);
        net.open(TcpConfig.defaults(), TcpConfig.defaults());
        var bulk = BulkTransfer.clientToServer(net, 2, 4 << 20);
        net.runUntil(bulk::complete, bulk, 600 * SECOND);
        var s = net.client.connection.stats();
        assertTrue(net.client.connection.sackOn());
        assertTrue(s.sackRecoveries() > 10, s.toString());
        assertEquals(0, s.newRenoRecoveries());
        assertTrue(s.retransmits() > 0);
    }

    @Test
    void newrenoRecoversWhenThePeerLacksSack() {
        var net = new SimulatedNetwork(3, lossy(0.03), 1500);
        net.open(TcpConfig.defaults(), TcpConfig.defaults().withOptions(false, true, true));
        var bulk = BulkTransfer.clientToServer(net, 3, 4 << 20);
        net.runUntil(bulk::complete, bulk, 600 * SECOND);
        var s = net.client.connection.stats();
        assertFalse(net.client.connection.sackOn());
        assertTrue(s.newRenoRecoveries() > 10, s.toString());
        assertEquals(0, s.sackRecoveries());
    }

    @Test
    void newrenoPartialAcksResendTheNextHoleWithoutATimeout() {
        var net = new SimulatedNetwork(4, SimulatedNetwork.Impairment.perfect(MS), 1500);
        int[] n = {0};
        // Two losses in one window: the first fast retransmit's ACK is partial and must trigger the second.
        net.dropIf = (from, h) -> from == net.client && h.payloadLength() > 0 && (++n[0] == 30 || n[0] == 34);
        net.open(TcpConfig.defaults(), TcpConfig.defaults().withOptions(false, false, true));
        var bulk = BulkTransfer.clientToServer(net, 4, 400_000);
        net.runUntil(bulk::complete, bulk, 10 * SECOND);
        var s = net.client.connection.stats();
        assertEquals(1, s.newRenoRecoveries());
        assertEquals(2, s.retransmits());
        assertEquals(0, s.timeouts());
    }

    @Test
    void aLostRetransmissionIsRecoveredByTheTimerWithBackoff() {
        var net = new SimulatedNetwork(5, SimulatedNetwork.Impairment.perfect(MS), 1500);
        long[] lostSeq = {-1};
        int[] times = {0};
        int[] n = {0};
        // Drop the 10th data segment and its first two retransmissions.
        net.dropIf = (from, h) -> {
            if (from != net.client || h.payloadLength() == 0) return false;
            if (++n[0] == 10) lostSeq[0] = h.sequence();
            if (h.sequence() == lostSeq[0] && times[0] < 3) {
                times[0]++;
                return true;
            }
            return false;
        };
        net.open(TcpConfig.defaults(), TcpConfig.defaults());
        var bulk = BulkTransfer.clientToServer(net, 5, 30_000);
        net.runUntil(bulk::complete, bulk, 60 * SECOND);
        var s = net.client.connection.stats();
        assertEquals(3, times[0]);
        assertTrue(s.timeouts() >= 1, s.toString());
        assertEquals(bulk.read, 30_000);
    }

    @Test
    void aStalledReaderClosesTheWindowTheSenderProbesAndTheTransferResumes() {
        var net = new SimulatedNetwork(6, SimulatedNetwork.Impairment.perfect(MS), 1500);
        var config = TcpConfig.defaults().withBuffers(64 * 1024, 64 * 1024);
        net.open(config, config);
        var bulk = BulkTransfer.clientToServer(net, 6, 1 << 20);
        bulk.reading = false;
        net.runFor(10 * SECOND, bulk);
        var sender = net.client.connection;
        var receiver = net.server.connection;
        // Full, give or take the window scale's rounding (a shift of 1 for 64 KiB).
        assertTrue(receiver.readable() >= 64 * 1024 - 2, "the receive buffer filled: " + receiver.readable());
        assertEquals(0, sender.sendWindow());
        long probes = sender.stats().probes();
        assertTrue(probes >= 3, "probes " + probes);
        assertTrue(probes < 10 * SECOND / TcpConfig.defaults().minRto(), "probes back off: " + probes);
        assertEquals(TcpState.ESTABLISHED, sender.state());
        assertEquals(0, sender.stats().timeouts(), "a closed window is not a loss");
        bulk.reading = true;
        net.runUntil(bulk::complete, bulk, 10 * SECOND);
        assertTrue(receiver.stats().windowUpdates() > 0);
    }

    @Test
    void theSenderNeverExceedsTheWindowThePeerOffers() {
        var t = new ScriptedPeer(TcpConfig.defaults());
        t.openActive("");
        t.segment().window(3000).deliver();
        t.conn.write(new byte[10_000], 0, 10_000, t.now);
        int sent = t.drain().stream().mapToInt(h -> h.payloadLength()).sum();
        assertTrue(sent > 0 && sent <= 3000, "sent " + sent);
        long total = sent;
        while (total < 10_000) {
            t.segment().ack(OUR_ISS + 1 + total).window(3000).deliver();
            t.fireTimerIfDue();
            sent = t.drain().stream().mapToInt(h -> h.payloadLength()).sum();
            assertTrue(sent > 0 && sent <= 3000, "sent " + sent);
            total += sent;
        }
        assertEquals(10_000, total);
    }

    @Test
    void nagleHoldsSmallWritesWhileDataIsUnacknowledgedAndCoalescesThem() {
        var t = new ScriptedPeer(TcpConfig.defaults());
        t.openActive("");
        t.conn.write(new byte[1], 0, 1, t.now);
        assertEquals(1, t.drain().size(), "nothing in flight: the first small write goes at once");
        for (int i = 0; i < 10; i++) t.conn.write(new byte[1], 0, 1, t.now);
        assertTrue(t.drain().isEmpty(), "held while the first byte is unacknowledged");
        t.segment().ack(OUR_ISS + 2).deliver();
        var sent = t.drain();
        assertEquals(1, sent.size());
        assertEquals(10, sent.get(0).payloadLength());
    }

    @Test
    void noDelaySendsEverySmallWriteAtOnce() {
        var t = new ScriptedPeer(TcpConfig.defaults().withNoDelay(true));
        t.openActive("");
        for (int i = 0; i < 10; i++) t.conn.write(new byte[1], 0, 1, t.now);
        assertEquals(10, t.drain().size());
    }

    @Test
    void switchingNagleOffSendsWhatItHeldBackAndLaterSmallWritesAtOnce() {
        var t = new ScriptedPeer(TcpConfig.defaults());
        t.openActive("");
        t.conn.write(new byte[1], 0, 1, t.now);
        t.drain();
        for (int i = 0; i < 5; i++) t.conn.write(new byte[1], 0, 1, t.now);
        assertTrue(t.drain().isEmpty(), "held by Nagle");
        t.conn.setNoDelay(true, t.now);
        var released = t.drain();
        assertEquals(1, released.size());
        assertEquals(5, released.get(0).payloadLength());
        t.conn.write(new byte[1], 0, 1, t.now);
        assertEquals(1, t.drain().size(), "with Nagle off a small write goes while data is in flight");
    }

    @Test
    void nagleNeverHoldsAFullSegment() {
        var t = new ScriptedPeer(TcpConfig.defaults());
        t.openActive("");
        t.conn.write(new byte[1], 0, 1, t.now);
        t.drain();
        int mss = t.conn.sendMss();
        t.conn.write(new byte[mss], 0, mss, t.now);
        var sent = t.drain();
        assertEquals(1, sent.size());
        assertEquals(mss, sent.get(0).payloadLength());
    }

    @Test
    void everySecondFullSegmentIsAcknowledgedAtOnceAndALoneOneAfterTheDelay() {
        var config = TcpConfig.defaults();
        var t = new ScriptedPeer(config);
        t.openActive("");
        int full = 1200;
        t.segment().payload(full).deliver();
        assertTrue(t.sent.isEmpty(), "the first segment's ACK is delayed");
        assertEquals(t.now + config.delayedAck(), t.conn.deadline());
        t.segment().payload(full).deliver();
        assertEquals(1, t.sent.size(), "the second full segment is acknowledged at once");
        assertEquals(PEER_ISS + 1 + 2 * full, t.last().acknowledgement());
        t.sent.clear();
        t.segment().payload(100).deliver();
        assertTrue(t.sent.isEmpty());
        long at = t.now;
        t.fireTimer();
        assertEquals(at + config.delayedAck(), t.now);
        assertEquals(PEER_ISS + 1 + 2 * full + 100, t.last().acknowledgement());
        assertEquals(1, t.conn.stats().delayedAcks());
    }

    @Test
    void aFinIsAcknowledgedAtOnce() {
        var t = new ScriptedPeer(TcpConfig.defaults());
        t.openActive("");
        t.segment().payload(10).flags(ACK | FIN).deliver();
        assertEquals(1, t.sent.size());
        assertEquals(PEER_ISS + 12, t.last().acknowledgement());
    }

    @Test
    void delayedAcksDoNotCapThroughputOnAFastLink() {
        // 1 Gbit/s, 10 us each way: 10 MB needs 80 ms of serialization; an ACK clock throttled
        // by the 40 ms delayed-ACK timer would need seconds.
        var imp = new SimulatedNetwork.Impairment(0, 0, 0, 0, 10 * US, 0, 125_000_000L, 50 * MS);
        var net = new SimulatedNetwork(7, imp, 1500);
        net.open(TcpConfig.defaults(), TcpConfig.defaults());
        var bulk = BulkTransfer.clientToServer(net, 7, 10_000_000);
        long start = net.now;
        net.runUntil(bulk::complete, bulk, 10 * SECOND);
        long took = net.now - start;
        assertTrue(took < 100 * MS, "took " + took / 1000 + " us");
        assertEquals(0, net.server.connection.stats().delayedAcks(), "no ACK waited for the timer");
    }

    @Test
    void readingReopensAClosedWindowWithAWindowUpdate() {
        var config = TcpConfig.defaults().withBuffers(64 * 1024, 4096);
        var t = new ScriptedPeer(config);
        t.openActive("");
        for (int i = 0; i < 4; i++) t.segment().payload(1024).deliver();
        assertEquals(0, t.last().window(), "a full buffer closes the window");
        t.segment().payload(10).deliver(); // beyond the window: refused, acknowledged
        assertEquals(4096, t.conn.readable());
        t.sent.clear();
        t.conn.read(new byte[100], 0, 100, t.now);
        assertTrue(t.sent.isEmpty(), "100 bytes is silly: no update (RFC 9293 3.8.6.2.2)");
        t.conn.read(new byte[4096], 0, 4096, t.now);
        assertEquals(1, t.sent.size());
        assertEquals(4096, t.last().window());
    }
}
