package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import packos.kernel.Packet;

/**
 * Coverage-guided fuzzing (Jazzer) of everything a received IPv6 packet goes through before a
 * socket sees it: the fixed header, the extension header walk, the UDP, TCP (with its options),
 * ICMPv6 and Neighbor Discovery views, and the decision to answer with an ICMPv6 error. Any bytes
 * are either a checked view whose fields lie inside the packet or a named rejection; a view that
 * is accepted and written again by its emitter reads back the same.
 *
 * <p>The input's first byte chooses how the rest is presented: bit 0 fixes up the upper-layer
 * checksum (and NDP's hop limit), so the fuzzer gets past the checksum to the rules behind it;
 * bit 1 puts the packet in a page larger than itself, as received packets are.
 */
class Ipv6PacketFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void anyBytesAreACheckedPacketOrANamedRejection(byte[] input) {
        if (input.length == 0) return;
        int mode = input[0];
        var bytes = Arrays.copyOfRange(input, 1, input.length);
        var p = (mode & 2) != 0 ? inPage(bytes, bytes.length + 64) : Packet.of(bytes);
        Ipv6Header ip;
        try {
            ip = Ipv6Header.check(p);
            assertEquals(6, ip.version());
            assertTrue(ip.payloadEnd() <= p.length());
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("IPv6 "), e.getMessage());
            assertInstanceOf(HeaderChain.Discard.class, ExtensionHeaders.walk(p));
            return;
        }
        var chain = ExtensionHeaders.walk(p);
        switch (chain) {
            case HeaderChain.Upper u -> {
                assertTrue(u.offset() >= Ipv6Header.LENGTH && u.length() >= 0 && u.offset() + u.length() == ip.payloadEnd(), chain.toString());
                assertTrue(u.nextHeaderPointer() >= Ipv6Header.NEXT_HEADER_FIELD && u.nextHeaderPointer() < u.offset());
                assertEquals(u.protocol(), p.u8(u.nextHeaderPointer()));
                if ((mode & 1) != 0) fixChecksum(p, ip, u);
                upper(p, ip, u);
            }
            case HeaderChain.Fragmented f -> {
                var h = f.fragment();
                assertTrue(h.headerOffset() >= Ipv6Header.LENGTH && h.dataOffset() <= h.dataEnd() && h.dataEnd() == ip.payloadEnd());
                assertFalse(h.atomic());
            }
            case HeaderChain.ParameterProblem pp -> {
                assertTrue(pp.code() >= 0 && pp.code() <= 2, chain.toString());
                assertTrue(pp.pointer() >= 0 && pp.pointer() < ip.payloadEnd(), chain.toString());
            }
            case HeaderChain.Discard d -> assertNotNull(d.reason());
        }
        answerWithErrors(p);
    }

    private static Packet inPage(byte[] b, int capacity) {
        var p = Packet.standalone(capacity);
        p.put(0, b);
        p.setLength(b.length);
        return p;
    }

    /** Stores the right checksum (and, for NDP, hop limit 255), where the message has room for the field. */
    private static void fixChecksum(Packet p, Ipv6Header ip, HeaderChain.Upper u) {
        int field = switch (u.protocol()) {
            case Ipv6Header.ICMPV6 -> 2;
            case Ipv6Header.UDP -> 6;
            case Ipv6Header.TCP -> 16;
            default -> -1;
        };
        if (field < 0 || u.length() < field + 2) return;
        if (u.protocol() == Ipv6Header.ICMPV6 && Ndp.isNdp(p.u8(u.offset()))) ip.setHopLimit(Ndp.HOP_LIMIT);
        p.putU16(u.offset() + field, 0);
        int sum = Checksums.compute(p, u.offset(), u.length(), ip.source(), ip.destination(), u.protocol());
        p.putU16(u.offset() + field, u.protocol() == Ipv6Header.UDP && sum == 0 ? 0xffff : sum);
    }

    private static void upper(Packet p, Ipv6Header ip, HeaderChain.Upper u) {
        switch (u.protocol()) {
            case Ipv6Header.UDP -> udp(p, ip, u);
            case Ipv6Header.TCP -> tcp(p, u);
            case Ipv6Header.ICMPV6 -> icmp(p, ip, u);
            default -> { }
        }
    }

    private static void udp(Packet p, Ipv6Header ip, HeaderChain.Upper u) {
        UdpHeader udp;
        try {
            udp = UdpHeader.check(p, u.offset(), u.length());
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("UDP "), e.getMessage());
            return;
        }
        assertTrue(udp.length() >= UdpHeader.LENGTH && udp.length() <= u.length());
        assertEquals(udp.payloadLength(), udp.payload().length);
        boolean valid = udp.hasValidChecksum(ip.source(), ip.destination());
        // Written again from its fields, the datagram reads back the same and its checksum holds.
        var copy = Packet.of(p.toByteArray());
        var again = UdpHeader.emit(copy, u.offset(), udp.sourcePort(), udp.destinationPort(), udp.length(), ip.source(), ip.destination());
        assertEquals(udp.sourcePort(), again.sourcePort());
        assertEquals(udp.destinationPort(), again.destinationPort());
        assertEquals(udp.length(), again.length());
        assertTrue(again.hasValidChecksum(ip.source(), ip.destination()));
        if (valid && udp.checksum() != 0xffff) assertEquals(udp.checksum(), again.checksum());
    }

    private static void tcp(Packet p, HeaderChain.Upper u) {
        TcpHeader tcp;
        try {
            tcp = TcpHeader.check(p, u.offset(), u.length());
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("TCP "), e.getMessage());
            return;
        }
        assertTrue(tcp.headerLength() >= TcpHeader.MIN_LENGTH && tcp.headerLength() <= u.length());
        assertEquals(tcp.payloadLength(), tcp.payload().length);
        assertTrue(tcp.sequenceLength() >= 0);
        var options = new TcpOptions();
        boolean parsed = options.parse(tcp);
        assertEquals(parsed, options.problem() == null);
        if (parsed) {
            assertTrue(options.windowScale() <= TcpOptions.MAX_WINDOW_SCALE);
            assertTrue(options.sackBlocks() >= 0 && options.sackBlocks() <= TcpOptions.MAX_SACK_BLOCKS);
            assertTrue(options.mss() >= -1 && options.mss() <= 0xffff);
        } else {
            assertTrue(options.problem().startsWith("TCP "), options.problem());
            assertEquals(-1, options.mss());
            assertThrows(MalformedPacketException.class, () -> TcpOptions.check(tcp));
        }
    }

    private static void icmp(Packet p, Ipv6Header ip, HeaderChain.Upper u) {
        Icmpv6 icmp;
        try {
            icmp = Icmpv6.check(p, u.offset(), u.length());
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("ICMPv6 "), e.getMessage());
            return;
        }
        assertEquals(icmp.dataLength(), icmp.data().length);
        assertTrue(icmp.dataOffset() + icmp.dataLength() <= u.offset() + u.length());
        if (icmp.type() == Icmpv6.ECHO_REQUEST) {
            var reply = Icmpv6.emitEchoReply(Packet.standalone(u.length() + Icmpv6.HEADERS_LENGTH), ip.destination(), ip.source(), icmp, 64);
            assertEquals(icmp.identifier(), reply.identifier());
            assertEquals(icmp.sequence(), reply.sequence());
            assertArrayEquals(icmp.data(), reply.data());
            assertTrue(reply.hasValidChecksum(ip.destination(), ip.source()));
        }
        if (Ndp.isNdp(icmp.type())) NdpRoundTrip.check(p, u.offset(), u.length());
    }

    /** Whether an error may be sent about the packet, and the error itself when it may: within the minimum MTU, its checksum right. */
    private static void answerWithErrors(Packet p) {
        for (int type = Icmpv6.DESTINATION_UNREACHABLE; type <= Icmpv6.PARAMETER_PROBLEM; type++) {
            int code = type == Icmpv6.PARAMETER_PROBLEM ? Icmpv6.UNRECOGNIZED_OPTION : 0;
            if (!ErrorPolicy.mayAnswerWithError(p, type, code)) continue;
            var into = Packet.standalone(2048);
            var error = Icmpv6.emitError(into, Vectors.DOC_2, type, code, 0, p, p.length());
            assertTrue(into.length() <= Ipv6Header.MINIMUM_MTU);
            var header = assertDoesNotThrow(() -> Ipv6Header.check(into));
            assertTrue(error.hasValidChecksum(header.source(), header.destination()));
        }
    }
}
