package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import packos.kernel.Packet;

/**
 * For the fuzz tests: a Neighbor Discovery message that {@link Ndp#check} accepts has its fields
 * inside the packet, and, written again by its type's emitter, passes the check with the same
 * fields.
 */
final class NdpRoundTrip {
    private NdpRoundTrip() {}

    static void check(Packet p, int offset, int length) {
        NdpMessage m;
        try {
            m = Ndp.check(p, offset, length);
        } catch (MalformedPacketException e) {
            assertNotNull(e.getMessage());
            return;
        }
        assertEquals(Ndp.HOP_LIMIT, m.hopLimit());
        assertEquals(0, m.code());
        assertTrue(m.hasValidChecksum());
        for (var o : m.options()) {
            assertTrue(o.lengthUnits() >= 1);
            if (o instanceof NdpOption.RedirectedHeader r) assertTrue(r.dataOffset() + r.dataLength() <= offset + length);
        }
        var into = Packet.standalone(2048);
        switch (m) {
            case NeighborSolicitation ns when !ns.isDuplicateAddressDetection() && m.options().size() == 1
                    && m.sourceLinkLayerAddress().isPresent() -> {
                var again = (NeighborSolicitation) recheck(NeighborSolicitation.emit(into, ns.source(), ns.destination(), ns.target(),
                        ns.sourceLinkLayerAddress().get()).packet());
                assertEquals(ns.target(), again.target());
                assertEquals(ns.options(), again.options());
            }
            case NeighborSolicitation ns when ns.isDuplicateAddressDetection() && ns.options().isEmpty()
                    && ns.destination().equals(Ipv6Multicast.solicitedNode(ns.target())) -> {
                var again = (NeighborSolicitation) recheck(NeighborSolicitation.emitDuplicateAddressProbe(into, ns.target()).packet());
                assertEquals(ns.target(), again.target());
            }
            case NeighborAdvertisement na when m.options().size() == 1 && m.targetLinkLayerAddress().isPresent() -> {
                var again = (NeighborAdvertisement) recheck(NeighborAdvertisement.emit(into, na.source(), na.destination(), na.target(),
                        na.flags(), na.targetLinkLayerAddress().get()).packet());
                assertEquals(na.target(), again.target());
                assertEquals(na.flags(), again.flags());
                assertEquals(na.options(), again.options());
            }
            case RouterAdvertisement ra when writable(ra.options()) -> {
                var parameters = new RouterAdvertisement.Parameters(ra.curHopLimit(), ra.managed(), ra.otherConfig(), ra.routerLifetime(),
                        ra.reachableTime(), ra.retransTimer());
                var again = (RouterAdvertisement) recheck(RouterAdvertisement.emit(into, ra.source(), ra.destination(), parameters,
                        ra.options()).packet());
                assertEquals(parameters, new RouterAdvertisement.Parameters(again.curHopLimit(), again.managed(), again.otherConfig(),
                        again.routerLifetime(), again.reachableTime(), again.retransTimer()));
                assertEquals(ra.options(), again.options());
                assertEquals(ra.prefixes(), again.prefixes());
            }
            default -> { }
        }
    }

    private static boolean writable(List<NdpOption> options) {
        return options.stream().noneMatch(o -> o instanceof NdpOption.RedirectedHeader || o instanceof NdpOption.Unrecognized);
    }

    private static NdpMessage recheck(Packet emitted) {
        return assertDoesNotThrow(() -> Ndp.check(emitted), "an emitted message fails the check");
    }
}
