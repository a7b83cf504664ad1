package packos.lib.tcp;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import packos.lib.wire.TcpHeader;

/** Connections a listener makes from SYN cookies: no state between SYN-ACK and ACK, yet a whole connection after. */
class TcpSynCookieTest {
    private static final long MS = TcpConfig.MILLISECOND;
    private static final long SECOND = TcpConfig.SECOND;

    private static SimulatedNetwork cookieNetwork(long seed, SimulatedNetwork.Impairment impairment, int mtu, TcpConfig client) {
        var net = new SimulatedNetwork(seed, impairment, mtu);
        net.server.cookies = new SynCookies(seed * 31 + 7);
        net.open(client, TcpConfig.defaults());
        return net;
    }

    @Test
    void aConnectionFromACookieCarriesAMegabyteEachWayWithTheMssTimestampsWindowScaleAndSack() {
        var net = cookieNetwork(1, SimulatedNetwork.Impairment.perfect(MS), 1500, TcpConfig.defaults());
        var up = BulkTransfer.clientToServer(net, 7, 1 << 20);
        var down = new BulkTransfer(8, 1 << 20, net.server::c, net.client::c, () -> net.now);
        net.runUntil(() -> up.complete() && down.complete(), () -> { up.run(); down.run(); }, 60 * SECOND);
        assertEquals(1, net.server.cookiesSent);
        assertEquals(1, net.server.cookiesAccepted);
        var server = net.server.connection;
        // The client's MSS of 1440 (a 1500-byte MTU) is in the table: the server sends full segments, less the timestamps.
        assertEquals(1440 - 12, server.sendMss());
        assertTrue(server.timestampsOn());
        assertTrue(server.sackOn(), "SACK-permitted came back in the timestamp echo");
        assertEquals(net.client.connection.receiveScale(), server.sendScale(), "the client's window scale came back in the timestamp echo");
        assertEquals(server.receiveScale(), net.client.connection.sendScale());
        assertTrue(server.receiveScale() > 0);
    }

    @Test
    void withoutTimestampsACookieConnectionWorksWithoutWindowScaleAndSack() {
        var net = cookieNetwork(2, SimulatedNetwork.Impairment.perfect(MS), 1500, TcpConfig.defaults().withOptions(true, false, true));
        var up = BulkTransfer.clientToServer(net, 7, 256 * 1024);
        net.runUntil(up::complete, up, 60 * SECOND);
        var server = net.server.connection;
        assertFalse(server.timestampsOn());
        assertFalse(server.sackOn());
        assertFalse(net.client.connection.sackOn(), "the SYN-ACK did not offer what the server cannot remember");
        assertEquals(0, server.sendScale());
        assertEquals(0, net.client.connection.sendScale());
        assertEquals(1440, server.sendMss());
    }

    @Test
    void aPeerMssBetweenTableEntriesIsRoundedDown() {
        var net = cookieNetwork(3, SimulatedNetwork.Impairment.perfect(MS), 1400, TcpConfig.defaults());
        var up = BulkTransfer.clientToServer(net, 7, 64 * 1024);
        net.runUntil(up::complete, up, 60 * SECOND);
        assertEquals(1220 - 12, net.server.connection.sendMss(), "MSS 1340 is carried as 1220");
    }

    @Test
    void aCookieConnectionSurvivesLossOfTheSynAckAndOfData() {
        var net = cookieNetwork(4, SimulatedNetwork.Impairment.perfect(MS).withLoss(0.05), 1500, TcpConfig.defaults());
        var up = BulkTransfer.clientToServer(net, 9, 1 << 20);
        net.runUntil(up::complete, up, 600 * SECOND);
        assertEquals(1 << 20, up.read);
        assertEquals(net.server.cookiesAccepted, 1);
    }

    @Test
    void anAckWithAWrongCookieMakesNoConnectionAndIsReset() {
        var net = cookieNetwork(5, SimulatedNetwork.Impairment.perfect(MS), 1500, TcpConfig.defaults());
        // The client's SYN-ACK is altered on the way: its ACK then acknowledges a cookie the server never made.
        net.dropIf = (from, h) -> {
            if (from == net.server && h.has(TcpHeader.SYN)) h.setSequence((h.sequence() + 1000) & 0xffffffffL);
            if (from == net.server && h.has(TcpHeader.SYN)) h.fillChecksum(net.server.address, net.client.address);
            return false;
        };
        net.runFor(500 * MS);
        assertEquals(1, net.server.cookiesRejected);
        assertNull(net.server.connection);
        assertEquals(1, net.resetsForNoConnection);
        assertEquals(TcpState.CLOSED, net.client.connection.state(), "the RST ended the client's attempt");
    }
}
