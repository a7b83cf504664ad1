package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.wire.Vectors.*;

import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.kernel.Packet;

class ErrorPolicyTest {

    private static Packet icmp(Address source, Address destination, int type) {
        return ipv6(source, destination, Ipv6Header.ICMPV6, of(type, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void unicastUdpMayBeAnswered() {
        assertTrue(ErrorPolicy.mayAnswerWithError(packet(UDP), Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.PORT_UNREACHABLE));
    }

    @Test
    void anIcmpv6ErrorIsNeverAnsweredWithAnError() {
        for (int type : new int[] {Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.PACKET_TOO_BIG, Icmpv6.TIME_EXCEEDED,
                Icmpv6.PARAMETER_PROBLEM, 100, 127}) {
            assertFalse(ErrorPolicy.mayAnswerWithError(icmp(DOC_1, DOC_2, type), Icmpv6.PARAMETER_PROBLEM, 0, 0), "type " + type);
        }
    }

    @Test
    void anEchoRequestMayBeAnsweredWithAnError() {
        assertTrue(ErrorPolicy.mayAnswerWithError(icmp(DOC_1, DOC_2, Icmpv6.ECHO_REQUEST), Icmpv6.DESTINATION_UNREACHABLE, 0));
    }

    @Test
    void aRedirectIsNeverAnsweredWithAnError() {
        assertFalse(ErrorPolicy.mayAnswerWithError(icmp(FE80_1, FE80_2, Icmpv6.REDIRECT), Icmpv6.PARAMETER_PROBLEM, 0));
    }

    @Test
    void anIcmpv6ErrorBehindExtensionHeadersIsRecognised() {
        var p = ipv6(DOC_1, DOC_2, Ipv6Header.DESTINATION_OPTIONS, of(Ipv6Header.ICMPV6, 0, 1, 4, 0, 0, 0, 0),
                of(Icmpv6.TIME_EXCEEDED, 0, 0, 0, 0, 0, 0, 0));
        assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.DESTINATION_UNREACHABLE, 0));
    }

    @Test
    void aFirstFragmentOfAnIcmpv6ErrorIsRecognised() {
        var p = ipv6(DOC_1, DOC_2, Ipv6Header.FRAGMENT, fragmentHeader(Ipv6Header.ICMPV6, 0, true, 7),
                of(Icmpv6.PACKET_TOO_BIG, 0, 0, 0, 0, 0, 5, 0));
        assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.TIME_EXCEEDED, Icmpv6.REASSEMBLY_TIME_EXCEEDED));
    }

    @Test
    void aPacketToMulticastIsNotAnsweredExceptPacketTooBig() {
        var p = ipv6(DOC_1, ALL_NODES, Ipv6Header.UDP, udpStub());
        assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.PORT_UNREACHABLE));
        assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PARAMETER_PROBLEM, Icmpv6.UNRECOGNIZED_NEXT_HEADER, 6));
        assertTrue(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PACKET_TOO_BIG, 0, 1280));
    }

    @Test
    void aPacketToMulticastIsAnsweredAboutAnOptionWhoseTopBitsAre10() {
        var p = ipv6(DOC_1, ALL_NODES, Ipv6Header.DESTINATION_OPTIONS, of(Ipv6Header.UDP, 0, 0x9e, 4, 0, 0, 0, 0), udpStub());
        assertTrue(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PARAMETER_PROBLEM, Icmpv6.UNRECOGNIZED_OPTION, 42));
        assertTrue(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PARAMETER_PROBLEM, Icmpv6.UNRECOGNIZED_OPTION));
        assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PARAMETER_PROBLEM, Icmpv6.UNRECOGNIZED_OPTION, 40));
    }

    @Test
    void aPacketToMulticastIsNotAnsweredAboutAnOptionWhoseTopBitsAre11() {
        var p = ipv6(DOC_1, ALL_NODES, Ipv6Header.DESTINATION_OPTIONS, of(Ipv6Header.UDP, 0, 0xde, 4, 0, 0, 0, 0), udpStub());
        assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PARAMETER_PROBLEM, Icmpv6.UNRECOGNIZED_OPTION, 42));
        assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PARAMETER_PROBLEM, Icmpv6.UNRECOGNIZED_OPTION));
    }

    @Test
    void aPacketFromAnAddressNamingNoSingleNodeIsNotAnswered() {
        for (var source : new Address[] {Address.UNSPECIFIED, ALL_NODES}) {
            var p = ipv6(source, DOC_2, Ipv6Header.UDP, udpStub());
            assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.DESTINATION_UNREACHABLE, 4), source.toString());
            assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PACKET_TOO_BIG, 0, 1280), source.toString());
        }
    }

    @Test
    void aPacketWhoseHeaderCannotBeReadIsNotAnswered() {
        assertFalse(ErrorPolicy.mayAnswerWithError(Packet.of(new byte[20]), Icmpv6.PARAMETER_PROBLEM, 0));
        var b = bytes(UDP);
        b[0] = 0x40;
        assertFalse(ErrorPolicy.mayAnswerWithError(Packet.of(b), Icmpv6.PARAMETER_PROBLEM, 0));
    }
}
