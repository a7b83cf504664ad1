package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.wire.Vectors.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Random;
import org.junit.jupiter.api.Test;
import packos.kernel.Packet;

/** Random, truncated and mutated packets through every check and walk: only MalformedPacketException may come out. */
class WireFuzzTest {
    private static final int PACKETS = 10_000;

    private static List<byte[]> seeds() {
        var udp = bytes(UDP);
        var udpPayload = Arrays.copyOfRange(udp, 40, udp.length);
        return List.of(
                bytes(ECHO_REQUEST),
                udp,
                ipv6(Ipv6Header.HOP_BY_HOP, of(Ipv6Header.UDP, 0, 5, 2, 0, 0, 1, 0), udpPayload).toByteArray(),
                ipv6(Ipv6Header.DESTINATION_OPTIONS, of(Ipv6Header.ICMPV6, 1, 0x1e, 2, 0, 0, 0x9e, 1, 0, 0xde, 0, 1, 1, 0, 0, 0),
                        of(Icmpv6.ECHO_REQUEST, 0, 0, 0, 1, 2, 3, 4)).toByteArray(),
                ipv6(Ipv6Header.ROUTING, of(Ipv6Header.UDP, 0, 4, 0, 0, 0, 0, 0), udpPayload).toByteArray(),
                ipv6(Ipv6Header.FRAGMENT, fragmentHeader(Ipv6Header.UDP, 0, true, 77), new byte[16]).toByteArray(),
                ipv6(Ipv6Header.FRAGMENT, fragmentHeader(Ipv6Header.UDP, 16, true, 77), new byte[24]).toByteArray(),
                ipv6(Ipv6Header.FRAGMENT, fragmentHeader(Ipv6Header.UDP, 40, false, 77), new byte[13]).toByteArray(),
                ipv6(Ipv6Header.HOP_BY_HOP, of(Ipv6Header.FRAGMENT, 0, 1, 4, 0, 0, 0, 0),
                        fragmentHeader(Ipv6Header.ICMPV6, 0, true, 78), of(Icmpv6.TIME_EXCEEDED, 0, 0, 0, 0, 0, 0, 0)).toByteArray(),
                ipv6(FE80_1, ALL_NODES, Ipv6Header.ICMPV6, of(Icmpv6.PARAMETER_PROBLEM, 0, 0, 0, 0, 0, 0, 6), udp).toByteArray());
    }

    private static byte[] mangle(Random random, List<byte[]> seeds) {
        var seed = seeds.get(random.nextInt(seeds.size()));
        return switch (random.nextInt(6)) {
            case 0 -> {
                var b = new byte[random.nextInt(120)];
                random.nextBytes(b);
                if (b.length > 0 && random.nextBoolean()) b[0] = 0x60;
                yield b;
            }
            case 1 -> {
                var b = seed.clone();
                for (int k = 1 + random.nextInt(8); k > 0; k--) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                yield b;
            }
            case 2 -> Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            case 3 -> {
                var b = seed.clone();
                int length = random.nextInt(4) == 0 ? random.nextInt(65536) : random.nextInt(b.length);
                b[4] = (byte) (length >>> 8);
                b[5] = (byte) length;
                yield b;
            }
            case 4 -> {
                var b = seed.clone();
                // Header bytes and next header fields are where the walk decides things.
                for (int k = 1 + random.nextInt(4); k > 0; k--) b[random.nextInt(Math.min(b.length, 72))] = (byte) random.nextInt(256);
                if (random.nextBoolean()) b[6] = (byte) List.of(0, 43, 44, 60, 17, 58, 59, 51).get(random.nextInt(8)).intValue();
                yield b;
            }
            default -> {
                var extra = new byte[random.nextInt(64)];
                random.nextBytes(extra);
                yield concat(seed, extra);
            }
        };
    }

    @Test
    void mangledPacketsNeverThrowAnythingButMalformedPacketExceptions() {
        var random = new Random(0x9ac05L);
        var seeds = seeds();
        var reassembler = new FragmentReassembler(8, 1 << 16);
        var outcomes = new HashSet<String>();
        for (int i = 0; i < PACKETS; i++) {
            var b = mangle(random, seeds);
            // Half the packets sit in pages larger than themselves, as received packets do.
            var p = random.nextBoolean() ? Packet.of(b) : inPage(b, 2048);
            try {
                exercise(p, random, reassembler, i * 100_000_000L, outcomes);
            } catch (Throwable t) {
                fail("packet " + i + " (" + hex(b) + ") threw " + t, t);
            }
        }
        // A fuzzer that never reaches an outcome proves nothing about it.
        assertEquals(Set.of("Upper", "Fragmented", "ParameterProblem", "Discard", "Complete", "Incomplete",
                "Reassembly.ParameterProblem", "Reassembly.Discard", "answered"), outcomes);
    }

    private static Packet inPage(byte[] b, int capacity) {
        var p = Packet.standalone(capacity);
        p.put(0, b);
        p.setLength(b.length);
        return p;
    }

    private static void exercise(Packet p, Random random, FragmentReassembler reassembler, long now, Set<String> outcomes)
            throws MalformedPacketException {
        try {
            var h = Ipv6Header.check(p);
            assertEquals(6, h.version());
            assertTrue(h.payloadEnd() <= p.length());
            h.trafficClass();
            h.flowLabel();
            h.nextHeader();
            h.hopLimit();
            h.source();
            h.destination();
        } catch (MalformedPacketException expected) {
            assertNotNull(expected.getMessage());
        }
        var chain = ExtensionHeaders.walk(p);
        outcomes.add(switch (chain) {
            case HeaderChain.Upper _ -> "Upper";
            case HeaderChain.Fragmented _ -> "Fragmented";
            case HeaderChain.ParameterProblem _ -> "ParameterProblem";
            case HeaderChain.Discard _ -> "Discard";
        });
        switch (chain) {
            case HeaderChain.Upper u -> {
                assertTrue(u.offset() + u.length() <= p.length());
                views(p, u.offset(), u.length());
            }
            case HeaderChain.Fragmented f -> outcomes.add(offer(reassembler, p, f.fragment(), now));
            case HeaderChain.ParameterProblem pp -> {
                assertTrue(pp.code() >= 0 && pp.code() <= 2);
                assertTrue(pp.pointer() >= 0 && pp.pointer() < p.length(), chain.toString());
            }
            case HeaderChain.Discard d -> assertNotNull(d.reason());
        }
        views(p, random.nextInt(200) - 20, random.nextInt(200) - 20);
        if (answer(p, random)) outcomes.add("answered");
        if (random.nextInt(50) == 0) reassembler.expire(now);
    }

    private static void views(Packet p, int offset, int length) {
        try {
            var udp = UdpHeader.check(p, offset, length);
            assertTrue(udp.length() >= 8 && udp.length() <= length);
            udp.sourcePort();
            udp.destinationPort();
            udp.payload();
            udp.hasValidChecksum(DOC_1, DOC_2);
        } catch (MalformedPacketException expected) {
            assertNotNull(expected.getMessage());
        }
        try {
            var icmp = Icmpv6.check(p, offset, length);
            icmp.type();
            icmp.code();
            if (Icmpv6.hasBodyField(icmp.type())) {
                icmp.identifier();
                icmp.sequence();
                icmp.mtu();
                icmp.pointer();
            }
            icmp.data();
            icmp.hasValidChecksum(DOC_1, DOC_2);
        } catch (MalformedPacketException expected) {
            assertNotNull(expected.getMessage());
        }
    }

    private static String offer(FragmentReassembler reassembler, Packet p, FragmentHeader fragment, long now)
            throws MalformedPacketException {
        var result = reassembler.offer(p, fragment, now);
        switch (result) {
            case Reassembly.Complete c -> {
                var whole = Packet.standalone(c.packetLength());
                c.emit(whole);
                assertEquals(c.packetLength() - 40, Ipv6Header.check(whole).payloadLength(), "reassembled header");
                ExtensionHeaders.walk(whole);
            }
            case Reassembly.ParameterProblem pp -> assertTrue(pp.pointer() >= 0 && pp.pointer() < p.length());
            case Reassembly.Discard d -> assertNotNull(d.reason());
            case Reassembly.Incomplete i -> { }
        }
        assertTrue(reassembler.bytesHeld() >= 0 && reassembler.bytesHeld() <= 1 << 16);
        return switch (result) {
            case Reassembly.Complete _ -> "Complete";
            case Reassembly.Incomplete _ -> "Incomplete";
            case Reassembly.ParameterProblem _ -> "Reassembly.ParameterProblem";
            case Reassembly.Discard _ -> "Reassembly.Discard";
        };
    }

    private static boolean answer(Packet p, Random random) throws MalformedPacketException {
        int type = 1 + random.nextInt(4);
        int code = random.nextInt(3);
        long parameter = random.nextInt(2000);
        boolean may = random.nextBoolean()
                ? ErrorPolicy.mayAnswerWithError(p, type, code)
                : ErrorPolicy.mayAnswerWithError(p, type, code, parameter);
        if (!may) return false;
        var into = Packet.standalone(1500);
        var error = Icmpv6.emitError(into, DOC_2, type, code, parameter, p, p.length());
        assertTrue(into.length() <= Ipv6Header.MINIMUM_MTU);
        var ip = Ipv6Header.check(into);
        assertTrue(error.hasValidChecksum(ip.source(), ip.destination()));
        return true;
    }
}
