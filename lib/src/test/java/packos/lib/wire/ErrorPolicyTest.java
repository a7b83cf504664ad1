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
    void unicast_udp_may_be_answered() {
        assertTrue(ErrorPolicy.mayAnswerWithError(packet(UDP), Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.PORT_UNREACHABLE));
    }

    @Test
    void an_icmpv6_error_is_never_answered_with_an_error() {
        for (int type : new int[] {Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.PACKET_TOO_BIG, Icmpv6.TIME_EXCEEDED,
                Icmpv6.PARAMETER_PROBLEM, 100, 127}) {
            assertFalse(ErrorPolicy.mayAnswerWithError(icmp(DOC_1, DOC_2, type), Icmpv6.PARAMETER_PROBLEM, 0, 0), "type " + type);
        }
    }

    @Test
    void an_echo_request_may_be_answered_with_an_error() {
        assertTrue(ErrorPolicy.mayAnswerWithError(icmp(DOC_1, DOC_2, Icmpv6.ECHO_REQUEST), Icmpv6.DESTINATION_UNREACHABLE, 0));
    }

    @Test
    void a_redirect_is_never_answered_with_an_error() {
        assertFalse(ErrorPolicy.mayAnswerWithError(icmp(FE80_1, FE80_2, Icmpv6.REDIRECT), Icmpv6.PARAMETER_PROBLEM, 0));
    }

    @Test
    void an_icmpv6_error_behind_extension_headers_is_recognised() {
        var p = ipv6(DOC_1, DOC_2, Ipv6Header.DESTINATION_OPTIONS, of(Ipv6Header.ICMPV6, 0, 1, 4, 0, 0, 0, 0),
                of(Icmpv6.TIME_EXCEEDED, 0, 0, 0, 0, 0, 0, 0));
        assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.DESTINATION_UNREACHABLE, 0));
    }

    @Test
    void a_first_fragment_of_an_icmpv6_error_is_recognised() {
        var p = ipv6(DOC_1, DOC_2, Ipv6Header.FRAGMENT, fragmentHeader(Ipv6Header.ICMPV6, 0, true, 7),
                of(Icmpv6.PACKET_TOO_BIG, 0, 0, 0, 0, 0, 5, 0));
        assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.TIME_EXCEEDED, Icmpv6.REASSEMBLY_TIME_EXCEEDED));
    }

    @Test
    void a_packet_to_multicast_is_not_answered_except_packet_too_big() {
        var p = ipv6(DOC_1, ALL_NODES, Ipv6Header.UDP, udpStub());
        assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.PORT_UNREACHABLE));
        assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PARAMETER_PROBLEM, Icmpv6.UNRECOGNIZED_NEXT_HEADER, 6));
        assertTrue(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PACKET_TOO_BIG, 0, 1280));
    }

    @Test
    void a_packet_to_multicast_is_answered_about_an_option_whose_top_bits_are_10() {
        var p = ipv6(DOC_1, ALL_NODES, Ipv6Header.DESTINATION_OPTIONS, of(Ipv6Header.UDP, 0, 0x9e, 4, 0, 0, 0, 0), udpStub());
        assertTrue(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PARAMETER_PROBLEM, Icmpv6.UNRECOGNIZED_OPTION, 42));
        assertTrue(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PARAMETER_PROBLEM, Icmpv6.UNRECOGNIZED_OPTION));
        assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PARAMETER_PROBLEM, Icmpv6.UNRECOGNIZED_OPTION, 40));
    }

    @Test
    void a_packet_to_multicast_is_not_answered_about_an_option_whose_top_bits_are_11() {
        var p = ipv6(DOC_1, ALL_NODES, Ipv6Header.DESTINATION_OPTIONS, of(Ipv6Header.UDP, 0, 0xde, 4, 0, 0, 0, 0), udpStub());
        assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PARAMETER_PROBLEM, Icmpv6.UNRECOGNIZED_OPTION, 42));
        assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PARAMETER_PROBLEM, Icmpv6.UNRECOGNIZED_OPTION));
    }

    @Test
    void a_packet_from_an_address_naming_no_single_node_is_not_answered() {
        for (var source : new Address[] {Address.UNSPECIFIED, ALL_NODES}) {
            var p = ipv6(source, DOC_2, Ipv6Header.UDP, udpStub());
            assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.DESTINATION_UNREACHABLE, 4), source.toString());
            assertFalse(ErrorPolicy.mayAnswerWithError(p, Icmpv6.PACKET_TOO_BIG, 0, 1280), source.toString());
        }
    }

    @Test
    void a_packet_whose_header_cannot_be_read_is_not_answered() {
        assertFalse(ErrorPolicy.mayAnswerWithError(Packet.of(new byte[20]), Icmpv6.PARAMETER_PROBLEM, 0));
        var b = bytes(UDP);
        b[0] = 0x40;
        assertFalse(ErrorPolicy.mayAnswerWithError(Packet.of(b), Icmpv6.PARAMETER_PROBLEM, 0));
    }
}
