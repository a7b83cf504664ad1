package packos.lib.tcp;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TcpTransferTest {
    private static final long MS = TcpConfig.MILLISECOND;
    private static final long SECOND = TcpConfig.SECOND;

    @Test
    void aMegabyteCrossesAPerfectLinkByteExact() {
        var net = new SimulatedNetwork(1, SimulatedNetwork.Impairment.perfect(MS), 1500);
        net.open(TcpConfig.defaults(), TcpConfig.defaults());
        var bulk = BulkTransfer.clientToServer(net, 7, 1 << 20);
        net.runUntil(bulk::complete, bulk, 60 * SECOND);
        assertEquals(1 << 20, bulk.read);
        assertEquals(0, net.client.connection.stats().retransmits());
        System.out.println("perfect: " + net.client.connection.stats() + " t=" + (net.now - SECOND) / 1000 + "us");
    }

    /** The brief's hard case: 10% loss, 5% reordering, 1% duplication, 1% corruption, 1 Gbit/s, 1 ms each way. */
    static SimulatedNetwork.Impairment hostile() {
        return new SimulatedNetwork.Impairment(0.10, 0.05, 0.01, 0.01, MS, 3 * MS, 125_000_000L, 50 * MS);
    }

    @Test
    void hundredMegabytesArriveByteExactOverLossReorderingDuplicationAndCorruption() {
        hostileTransfer(TcpConfig.defaults(), "NewReno");
    }

    @Test
    void hundredMegabytesArriveByteExactUnderCubicOverTheSameHostileLink() {
        var stats = hostileTransfer(TcpConfig.defaults().withCongestionControl(CongestionAlgorithm.CUBIC), "CUBIC");
        assertTrue(stats.fastRetransmits() > 0 && stats.timeouts() > 0, "both kinds of loss met the CUBIC window");
    }

    private static TcpStats hostileTransfer(TcpConfig config, String name) {
        long total = 100L * 1024 * 1024;
        var net = new SimulatedNetwork(42, hostile(), 1500);
        net.open(config, config);
        var bulk = BulkTransfer.clientToServer(net, 99, total);
        long wallStart = System.nanoTime();
        net.runUntil(bulk::complete, bulk, 3600 * SECOND);
        long wall = System.nanoTime() - wallStart;
        var sender = net.client.connection.stats();
        System.out.printf("100 MB hostile, %s: wall %.2f s, simulated %.1f s, %s; link lost %d corrupted %d reordered %d duplicated %d%n",
                name, wall / 1e9, (net.now - SECOND) / 1e9, sender, net.lost, net.corrupted, net.reordered, net.duplicated);
        assertEquals(total, bulk.read);
        assertTrue(bulk.complete());
        assertTrue(sender.retransmits() > 0);
        assertTrue(net.corrupted > 0 && net.duplicated > 0 && net.reordered > 0);
        assertTrue(wall < 60 * SECOND, "took " + wall / 1e9 + " s of wall time");
        return sender;
    }
}
