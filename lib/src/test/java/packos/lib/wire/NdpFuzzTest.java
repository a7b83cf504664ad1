package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.wire.Vectors.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import packos.kernel.Packet;

/** Random and mutated NDP packets and frames: only MalformedPacketException may come out, and what passes reads safely. */
class NdpFuzzTest {
    private static final int PACKETS = 10_000;

    @Test
    void mangledNdpNeverThrowsAnythingButMalformedPacketExceptions() {
        var random = new Random(0x4861L);
        var seeds = List.of(bytes(NdpTest.LINUX_NS), bytes(NdpTest.NA), bytes(NdpTest.RA), bytes(NdpTest.DAD), bytes(NdpTest.RS));
        var outcomes = new HashSet<String>();
        for (int i = 0; i < PACKETS; i++) {
            var seed = seeds.get(random.nextInt(seeds.size()));
            var b = switch (random.nextInt(4)) {
                case 0 -> {
                    var r = seed.clone();
                    for (int k = 1 + random.nextInt(6); k > 0; k--) r[random.nextInt(r.length)] = (byte) random.nextInt(256);
                    yield r;
                }
                case 1 -> Arrays.copyOf(seed, random.nextInt(seed.length + 1));
                case 2 -> {
                    var r = new byte[random.nextInt(120)];
                    random.nextBytes(r);
                    yield r;
                }
                default -> {
                    var extra = new byte[random.nextInt(40)];
                    random.nextBytes(extra);
                    yield concat(seed, extra);
                }
            };
            var p = Packet.of(b);
            // Most mutations would only trip the checksum; repairing it lets them reach the rules behind it.
            if (random.nextBoolean() && b.length >= 44 && 40 + (p.u16(4)) <= b.length) {
                int length = p.u16(4);
                p.putU16(42, 0);
                p.putU16(42, Checksums.compute(p, 40, length, p.address(8), p.address(24), Ipv6Header.ICMPV6));
            }
            try {
                var m = Ndp.check(p);
                outcomes.add(m.getClass().getSimpleName());
                read(m);
            } catch (MalformedPacketException e) {
                assertNotNull(e.getMessage());
                outcomes.add("malformed");
            } catch (Throwable t) {
                fail("packet " + i + " (" + hex(b) + ") threw " + t, t);
            }
            try {
                var frame = EthernetFrame.check(b);
                frame.destination();
                frame.source();
                frame.etherType();
                frame.copyPayloadTo(Packet.standalone(b.length));
            } catch (MalformedPacketException e) {
                assertTrue(b.length < 14);
            }
        }
        assertEquals(java.util.Set.of("malformed", "NeighborSolicitation", "NeighborAdvertisement", "RouterAdvertisement",
                "RouterSolicitation"), outcomes);
    }

    private static void read(NdpMessage m) {
        assertTrue(m.offset() + m.length() <= m.packet().length());
        m.options();
        m.sourceLinkLayerAddress();
        m.targetLinkLayerAddress();
        switch (m) {
            case RouterSolicitation _ -> {}
            case RouterAdvertisement ra -> {
                ra.curHopLimit();
                ra.managed();
                ra.routerLifetime();
                ra.reachableTime();
                ra.retransTimer();
                ra.prefixes();
            }
            case NeighborSolicitation ns -> assertFalse(ns.target().isMulticast());
            case NeighborAdvertisement na -> {
                assertFalse(na.target().isMulticast());
                na.flags();
            }
            case Redirect r -> r.destinationAddress();
        }
    }
}
