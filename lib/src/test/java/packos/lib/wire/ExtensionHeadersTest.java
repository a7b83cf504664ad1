package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.wire.Vectors.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.kernel.Packet;

class ExtensionHeadersTest {
    private static final int UDP = Ipv6Header.UDP;
    private static final int HBH = Ipv6Header.HOP_BY_HOP;
    private static final int DEST = Ipv6Header.DESTINATION_OPTIONS;
    private static final int ROUTING = Ipv6Header.ROUTING;

    private static HeaderChain.Upper upper(Packet p) {
        var chain = ExtensionHeaders.walk(p);
        return assertInstanceOf(HeaderChain.Upper.class, chain, chain.toString());
    }

    private static HeaderChain.ParameterProblem problem(Packet p) {
        var chain = ExtensionHeaders.walk(p);
        return assertInstanceOf(HeaderChain.ParameterProblem.class, chain, chain.toString());
    }

    private static HeaderChain.Discard discard(Packet p) {
        var chain = ExtensionHeaders.walk(p);
        return assertInstanceOf(HeaderChain.Discard.class, chain, chain.toString());
    }

    /** A destination options header holding one option of {@code type} with 4 bytes of data. */
    private static Packet withOption(Address destination, int header, int type) {
        return ipv6(DOC_1, destination, header, of(UDP, 0, type, 4, 0, 0, 0, 0), udpStub());
    }

    @Test
    void aPacketWithoutExtensionHeadersIsItsUpperLayer() {
        var u = upper(packet(Vectors.UDP));
        assertEquals(UDP, u.protocol());
        assertEquals(40, u.offset());
        assertEquals(22, u.length());
        assertEquals(6, u.nextHeaderPointer());
        assertEquals(List.of(), u.headers());
        assertNull(u.atomicFragment());
        assertTrue(u.knownUpperLayer());
    }

    @Test
    void paddingOptionsAreSkipped() {
        var p = ipv6(HBH, of(DEST, 0, 0, 1, 2, 0, 0, 0), of(UDP, 1, 1, 0, 0, 0, 0, 0, 0, 1, 3, 0, 0, 0, 0, 0), udpStub());
        var u = upper(p);
        assertEquals(UDP, u.protocol());
        assertEquals(64, u.offset());
        assertEquals(16, u.length());
        assertEquals(48, u.nextHeaderPointer());
        assertEquals(List.of(new ExtensionHeader(HBH, 40, 8), new ExtensionHeader(DEST, 48, 16)), u.headers());
    }

    @Test
    void unknownOptionWithAction00IsSkipped() {
        var u = upper(withOption(DOC_2, DEST, 0x1e));
        assertEquals(48, u.offset());
    }

    @Test
    void unknownOptionWithAction01IsDiscardedSilently() {
        assertTrue(discard(withOption(DOC_2, HBH, 0x5e)).reason().contains("0x5e"));
    }

    @Test
    void unknownOptionWithAction10IsAParameterProblemEvenToMulticast() {
        for (var destination : new Address[] {DOC_2, ALL_NODES}) {
            var pp = problem(withOption(destination, DEST, 0x9e));
            assertEquals(Icmpv6.UNRECOGNIZED_OPTION, pp.code());
            assertEquals(42, pp.pointer());
        }
    }

    @Test
    void unknownOptionWithAction11IsAParameterProblemUnlessToMulticast() {
        var pp = problem(withOption(DOC_2, HBH, 0xde));
        assertEquals(Icmpv6.UNRECOGNIZED_OPTION, pp.code());
        assertEquals(42, pp.pointer());
        assertTrue(discard(withOption(ALL_NODES, HBH, 0xde)).reason().contains("multicast"));
    }

    @Test
    void theFirstOptionThatIsNotSkippedDecides() {
        var p = ipv6(DEST, of(UDP, 1, 0x1e, 0, 0x9e, 0, 0x5e, 0, 0, 0, 0, 0, 0, 0, 0, 0), udpStub());
        assertEquals(44, problem(p).pointer());
    }

    @Test
    void anOptionRunningPastTheHeaderIsAParameterProblemAtItsLength() {
        var pp = problem(ipv6(DEST, of(UDP, 0, 1, 5, 0, 0, 0, 0), udpStub()));
        assertEquals(Icmpv6.ERRONEOUS_HEADER_FIELD, pp.code());
        assertEquals(43, pp.pointer());
    }

    @Test
    void anOptionWithoutRoomForItsLengthIsAParameterProblemAtItsType() {
        var pp = problem(ipv6(HBH, of(UDP, 0, 0, 0, 0, 0, 0, 0x1e), udpStub()));
        assertEquals(Icmpv6.ERRONEOUS_HEADER_FIELD, pp.code());
        assertEquals(47, pp.pointer());
    }

    @Test
    void hopByHopAfterAnotherHeaderIsAnUnrecognizedNextHeader() {
        var pp = problem(ipv6(DEST, of(HBH, 0, 1, 4, 0, 0, 0, 0), of(UDP, 0, 1, 4, 0, 0, 0, 0), udpStub()));
        assertEquals(Icmpv6.UNRECOGNIZED_NEXT_HEADER, pp.code());
        assertEquals(40, pp.pointer());
    }

    @Test
    void routingHeaderWithNoSegmentsLeftIsIgnored() {
        var u = upper(ipv6(ROUTING, of(UDP, 0, 0, 0, 0, 0, 0, 0), udpStub()));
        assertEquals(UDP, u.protocol());
        assertEquals(48, u.offset());
        assertEquals(List.of(new ExtensionHeader(ROUTING, 40, 8)), u.headers());
    }

    @Test
    void routingHeaderWithSegmentsLeftIsAParameterProblemAtTheRoutingType() {
        for (int type : new int[] {0, 2, 3, 4}) {
            var pp = problem(ipv6(ROUTING, of(UDP, 2, type, 1, 0, 0, 0, 0), new byte[16], udpStub()));
            assertEquals(Icmpv6.ERRONEOUS_HEADER_FIELD, pp.code());
            assertEquals(42, pp.pointer(), "type " + type);
        }
    }

    @Test
    void aFragmentStopsTheWalkAndIsReported() {
        var p = ipv6(HBH, of(Ipv6Header.FRAGMENT, 0, 1, 4, 0, 0, 0, 0), fragmentHeader(UDP, 1448, true, 0xcafef00d), new byte[24]);
        var f = assertInstanceOf(HeaderChain.Fragmented.class, ExtensionHeaders.walk(p));
        var h = f.fragment();
        assertEquals(48, h.headerOffset());
        assertEquals(UDP, h.nextHeader());
        assertEquals(1448, h.fragmentOffset());
        assertTrue(h.moreFragments());
        assertEquals(0xcafef00dL, h.identification());
        assertEquals(40, h.nextHeaderPointer());
        assertEquals(56, h.dataOffset());
        assertEquals(24, h.dataLength());
        assertEquals(50, h.fragmentOffsetField());
        assertFalse(h.atomic());
        assertEquals(List.of(new ExtensionHeader(HBH, 40, 8)), f.headers());
    }

    @Test
    void anAtomicFragmentIsProcessedAsAWholePacket() {
        var u = upper(ipv6(Ipv6Header.FRAGMENT, fragmentHeader(UDP, 0, false, 9), udpStub()));
        assertEquals(UDP, u.protocol());
        assertEquals(48, u.offset());
        assertNotNull(u.atomicFragment());
        assertTrue(u.atomicFragment().atomic());
        assertEquals(9, u.atomicFragment().identification());
    }

    @Test
    void anUnknownNextHeaderIsLeftToTheCallerWithAPointerToIt() {
        var u = upper(ipv6(DEST, of(99, 0, 1, 4, 0, 0, 0, 0), new byte[8]));
        assertEquals(99, u.protocol());
        assertEquals(40, u.nextHeaderPointer());
        assertFalse(u.knownUpperLayer());
        assertFalse(upper(ipv6(Ipv6Header.AH, new byte[16])).knownUpperLayer());
        assertEquals(Ipv6Header.ESP, upper(ipv6(Ipv6Header.ESP, new byte[16])).protocol());
    }

    @Test
    void noNextHeaderEndsTheChain() {
        var u = upper(ipv6(DEST, of(Ipv6Header.NO_NEXT_HEADER, 0, 1, 4, 0, 0, 0, 0), of(1, 2, 3)));
        assertEquals(Ipv6Header.NO_NEXT_HEADER, u.protocol());
        assertTrue(u.knownUpperLayer());
        assertEquals(3, u.length());
    }

    @Test
    void aChainTruncatedMidHeaderIsDiscarded() {
        assertTrue(discard(ipv6(DEST, of(UDP, 0, 1, 2))).reason().contains("truncated"));
        assertTrue(discard(ipv6(DEST, of(UDP, 1, 1, 4, 0, 0, 0, 0))).reason().contains("length field 1"));
        assertTrue(discard(ipv6(Ipv6Header.FRAGMENT, of(UDP, 0, 0, 8))).reason().startsWith("fragment"));
        assertTrue(discard(ipv6(HBH)).reason().contains("0 bytes remain"));
    }

    @Test
    void thePayloadLengthNotThePacketLengthBoundsTheChain() {
        var p = ipv6(DEST, of(UDP, 0, 1, 4, 0, 0, 0, 0), udpStub());
        p.putU16(4, 4);
        assertInstanceOf(HeaderChain.Discard.class, ExtensionHeaders.walk(p));
    }

    @Test
    void aMalformedIpv6HeaderIsDiscarded() {
        assertTrue(discard(Packet.of(new byte[10])).reason().contains("IPv6 header"));
    }
}
