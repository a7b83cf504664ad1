package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.wire.Vectors.*;

import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.kernel.Packet;

class Ipv6HeaderTest {

    @Test
    void gettersReadTheEchoRequestVector() throws Exception {
        var h = Ipv6Header.check(packet(ECHO_REQUEST));
        assertEquals(6, h.version());
        assertEquals(0, h.trafficClass());
        assertEquals(0, h.flowLabel());
        assertEquals(16, h.payloadLength());
        assertEquals(56, h.payloadEnd());
        assertEquals(Ipv6Header.ICMPV6, h.nextHeader());
        assertEquals(64, h.hopLimit());
        assertEquals(FE80_1, h.source());
        assertEquals(FE80_2, h.destination());
    }

    @Test
    void flowLabelKeepsAll20BitsApartFromTheTrafficClass() throws Exception {
        var p = packet("6" + "ab" + "fffff" + "0000" + "3b" + "01" + "00".repeat(32));
        var h = Ipv6Header.check(p);
        assertEquals(0xab, h.trafficClass());
        assertEquals(0xfffff, h.flowLabel());
        h.setFlowLabel(0x80001);
        assertEquals(0x80001, h.flowLabel());
        assertEquals(0xab, h.trafficClass());
        assertEquals(6, h.version());
        h.setTrafficClass(0xff);
        h.setFlowLabel(0);
        assertEquals(0xff, h.trafficClass());
        assertEquals(0, h.flowLabel());
        assertEquals("6ff00000", hex(p.copyBytes(0, 4)));
    }

    @Test
    void settersRoundTrip() throws Exception {
        var h = Ipv6Header.check(packet(ECHO_REQUEST));
        var a = Address.parse("2001:db8:1:2:3:4:5:6");
        var b = Address.parse("ff02::1:ff00:1");
        h.setTrafficClass(0x2e);
        h.setFlowLabel(0x12345);
        h.setPayloadLength(8);
        h.setNextHeader(Ipv6Header.UDP);
        h.setHopLimit(255);
        h.setSource(a);
        h.setDestination(b);
        var again = Ipv6Header.check(h.packet());
        assertEquals(0x2e, again.trafficClass());
        assertEquals(0x12345, again.flowLabel());
        assertEquals(8, again.payloadLength());
        assertEquals(Ipv6Header.UDP, again.nextHeader());
        assertEquals(255, again.hopLimit());
        assertEquals(a, again.source());
        assertEquals(b, again.destination());
        h.setVersion(4);
        assertEquals(4, h.version());
        assertEquals(0x2e, h.trafficClass());
    }

    @Test
    void settersRefuseValuesThatDoNotFitTheirField() throws Exception {
        var h = Ipv6Header.check(packet(ECHO_REQUEST));
        assertThrows(IllegalArgumentException.class, () -> h.setFlowLabel(0x100000));
        assertThrows(IllegalArgumentException.class, () -> h.setTrafficClass(256));
        assertThrows(IllegalArgumentException.class, () -> h.setHopLimit(-1));
        assertThrows(IllegalArgumentException.class, () -> h.setPayloadLength(65536));
        assertEquals(0, h.flowLabel());
    }

    @Test
    void emitThenCheckGivesBackEveryFieldAndSetsTheLength() throws Exception {
        var p = Packet.standalone(1500);
        Ipv6Header.emit(p, 0x10, 0xfedcb, 100, Ipv6Header.NO_NEXT_HEADER, 7, DOC_1, ALL_NODES);
        assertEquals(140, p.length());
        var h = Ipv6Header.check(p);
        assertEquals(6, h.version());
        assertEquals(0x10, h.trafficClass());
        assertEquals(0xfedcb, h.flowLabel());
        assertEquals(100, h.payloadLength());
        assertEquals(Ipv6Header.NO_NEXT_HEADER, h.nextHeader());
        assertEquals(7, h.hopLimit());
        assertEquals(DOC_1, h.source());
        assertEquals(ALL_NODES, h.destination());
    }

    @Test
    void emitWritesTheSameHeaderAsTheVector() {
        var p = Packet.standalone(100);
        Ipv6Header.emit(p, 0, 0, 16, Ipv6Header.ICMPV6, 64, FE80_1, FE80_2);
        assertEquals(ECHO_REQUEST.substring(0, 80), hex(p.copyBytes(0, 40)));
    }

    @Test
    void emitRefusesAPacketThatDoesNotFitThePage() {
        var p = Packet.standalone(100);
        assertThrows(IllegalArgumentException.class, () -> Ipv6Header.emit(p, 0, 0, 61, 59, 64, DOC_1, DOC_2));
    }

    @Test
    void protocolNumbersAreTheIanaOnes() {
        assertEquals(0, Ipv6Header.HOP_BY_HOP);
        assertEquals(6, Ipv6Header.TCP);
        assertEquals(17, Ipv6Header.UDP);
        assertEquals(43, Ipv6Header.ROUTING);
        assertEquals(44, Ipv6Header.FRAGMENT);
        assertEquals(50, Ipv6Header.ESP);
        assertEquals(51, Ipv6Header.AH);
        assertEquals(58, Ipv6Header.ICMPV6);
        assertEquals(59, Ipv6Header.NO_NEXT_HEADER);
        assertEquals(60, Ipv6Header.DESTINATION_OPTIONS);
    }

    @Test
    void truncatedHeaderIsMalformed() {
        var e = assertThrows(MalformedPacketException.class, () -> Ipv6Header.check(Packet.of(new byte[39])));
        assertTrue(e.getMessage().contains("IPv6 header"), e.getMessage());
        assertTrue(e.getMessage().contains("39"), e.getMessage());
    }

    @Test
    void wrongVersionIsMalformedNamingTheVersionField() {
        var b = bytes(ECHO_REQUEST);
        b[0] = 0x45;
        var e = assertThrows(MalformedPacketException.class, () -> Ipv6Header.check(Packet.of(b)));
        assertTrue(e.getMessage().contains("version field 4"), e.getMessage());
    }

    @Test
    void payloadLengthPastThePacketIsMalformedNamingTheField() {
        var b = bytes(ECHO_REQUEST);
        b[5] = 17;
        var e = assertThrows(MalformedPacketException.class, () -> Ipv6Header.check(Packet.of(b)));
        assertTrue(e.getMessage().contains("payload length field 17"), e.getMessage());
    }

    @Test
    void bytesPastThePayloadLengthAreAllowedAndNotPayload() throws Exception {
        var p = Packet.of(concat(bytes(ECHO_REQUEST), new byte[10]));
        var h = Ipv6Header.check(p);
        assertEquals(16, h.payloadLength());
        assertEquals(56, h.payloadEnd());
    }
}
