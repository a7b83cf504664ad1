package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.wire.Vectors.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import packos.kernel.Packet;

class Icmpv6Test {

    private static Icmpv6 icmpOf(Packet p) throws MalformedPacketException {
        return Icmpv6.check(p, 40, Ipv6Header.check(p).payloadLength());
    }

    @Test
    void echoRequestVectorReadsAndItsChecksumVerifies() throws Exception {
        var m = icmpOf(packet(ECHO_REQUEST));
        assertEquals(Icmpv6.ECHO_REQUEST, m.type());
        assertEquals(0, m.code());
        assertEquals(ECHO_REQUEST_CHECKSUM, m.checksum());
        assertEquals(0x1234, m.identifier());
        assertEquals(1, m.sequence());
        assertEquals(16, m.length());
        assertEquals(48, m.dataOffset());
        assertEquals("abcdefgh", new String(m.data(), StandardCharsets.US_ASCII));
        assertFalse(m.isError());
        assertTrue(m.hasValidChecksum(FE80_1, FE80_2));
        m.verifyChecksum(FE80_1, FE80_2);
    }

    @Test
    void aChangedByteFailsTheChecksumNamingTheField() throws Exception {
        var p = packet(ECHO_REQUEST);
        p.putU8(55, 'x');
        var m = icmpOf(p);
        assertFalse(m.hasValidChecksum(FE80_1, FE80_2));
        var e = assertThrows(MalformedPacketException.class, () -> m.verifyChecksum(FE80_1, FE80_2));
        assertTrue(e.getMessage().contains("ICMPv6 checksum field 0xdee5"), e.getMessage());
    }

    @Test
    void settersRoundTrip() throws Exception {
        var m = icmpOf(packet(ECHO_REQUEST));
        m.setType(Icmpv6.ECHO_REPLY);
        m.setCode(3);
        m.setChecksum(0xbeef);
        m.setIdentifier(0xffff);
        m.setSequence(0x8000);
        assertEquals(Icmpv6.ECHO_REPLY, m.type());
        assertEquals(3, m.code());
        assertEquals(0xbeef, m.checksum());
        assertEquals(0xffff, m.identifier());
        assertEquals(0x8000, m.sequence());
        m.setMtu(0xfffffffeL);
        assertEquals(0xfffffffeL, m.mtu());
        m.setPointer(42);
        assertEquals(42, m.pointer());
        assertThrows(IllegalArgumentException.class, () -> m.setType(256));
    }

    @Test
    void fewerThan4BytesAreMalformed() {
        var p = ipv6(FE80_1, FE80_2, Ipv6Header.ICMPV6, of(128, 0, 0));
        var e = assertThrows(MalformedPacketException.class, () -> icmpOf(p));
        assertTrue(e.getMessage().startsWith("ICMPv6 header: 3 bytes"), e.getMessage());
    }

    @Test
    void echoAndErrorTypesNeed8Bytes() {
        for (int type : new int[] {1, 2, 3, 4, 128, 129}) {
            var p = ipv6(FE80_1, FE80_2, Ipv6Header.ICMPV6, of(type, 0, 0, 0, 0, 0, 0));
            var e = assertThrows(MalformedPacketException.class, () -> icmpOf(p), "type " + type);
            assertTrue(e.getMessage().contains("ICMPv6 type " + type), e.getMessage());
        }
    }

    @Test
    void otherTypesNeedOnly4Bytes() throws Exception {
        var p = ipv6(FE80_1, FE80_2, Ipv6Header.ICMPV6, of(200, 0, 0, 0));
        assertEquals(200, icmpOf(p).type());
        assertEquals(0, icmpOf(p).dataLength());
        assertArrayEquals(new byte[0], icmpOf(p).data());
    }

    @Test
    void emitEchoWritesTheVectorByteForByte() {
        var p = Packet.standalone(1500);
        var data = "abcdefgh".getBytes(StandardCharsets.US_ASCII);
        Icmpv6.emitEcho(p, FE80_1, FE80_2, 64, 0x1234, 1, data, 0, data.length);
        assertEquals(ECHO_REQUEST, hex(p.toByteArray()));
    }

    @Test
    void echoReplySwapsTheAddressesAndKeepsIdentifierSequenceAndData() throws Exception {
        var request = packet(ECHO_REQUEST);
        var into = Packet.standalone(1500);
        Icmpv6.emitEchoReply(into, FE80_2, FE80_1, icmpOf(request), 64);
        var ip = Ipv6Header.check(into);
        assertEquals(FE80_2, ip.source());
        assertEquals(FE80_1, ip.destination());
        var reply = icmpOf(into);
        assertEquals(Icmpv6.ECHO_REPLY, reply.type());
        assertEquals(0x1234, reply.identifier());
        assertEquals(1, reply.sequence());
        assertEquals("abcdefgh", new String(reply.data(), StandardCharsets.US_ASCII));
        assertEquals(ECHO_REPLY_CHECKSUM, reply.checksum());
        assertTrue(reply.hasValidChecksum(FE80_2, FE80_1));
    }

    @Test
    void echoReplyCanBeWrittenOverItsRequest() throws Exception {
        // The request carries a destination options header, so its data moves when the reply is written.
        var request = ipv6(FE80_1, FE80_2, Ipv6Header.DESTINATION_OPTIONS,
                of(Ipv6Header.ICMPV6, 0, 1, 4, 0, 0, 0, 0), bytes("8000000012340001" + "6162636465666768"));
        var chain = (HeaderChain.Upper) ExtensionHeaders.walk(request);
        var m = Icmpv6.check(request, chain.offset(), chain.length());
        m.fillChecksum(FE80_1, FE80_2);
        Icmpv6.emitEchoReply(request, FE80_2, FE80_1, m, 64);
        var reply = icmpOf(request);
        assertEquals(56, request.length());
        assertEquals("abcdefgh", new String(reply.data(), StandardCharsets.US_ASCII));
        assertEquals(ECHO_REPLY_CHECKSUM, reply.checksum());
    }

    @Test
    void errorQuotesASmallOffendingPacketWhole() throws Exception {
        var offending = packet(UDP);
        var into = Packet.standalone(1500);
        Icmpv6.emitError(into, DOC_2, Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.PORT_UNREACHABLE, 0, offending, offending.length());
        var ip = Ipv6Header.check(into);
        assertEquals(DOC_2, ip.source());
        assertEquals(DOC_1, ip.destination());
        assertEquals(Ipv6Header.ICMPV6, ip.nextHeader());
        var error = icmpOf(into);
        assertEquals(Icmpv6.DESTINATION_UNREACHABLE, error.type());
        assertEquals(Icmpv6.PORT_UNREACHABLE, error.code());
        assertTrue(error.isError());
        assertArrayEquals(bytes(UDP), error.invokingPacket());
        assertTrue(error.hasValidChecksum(DOC_2, DOC_1));
    }

    @Test
    void errorQuotingCapsTheWholeErrorAt1280Bytes() throws Exception {
        var data = new byte[1900];
        Arrays.fill(data, (byte) 0x5a);
        var offending = Packet.standalone(2000);
        UdpDatagram.emit(offending, DOC_1, 1, DOC_2, 2, data, 0, data.length, 64);
        var into = Packet.standalone(2000);
        Icmpv6.emitError(into, DOC_2, Icmpv6.PACKET_TOO_BIG, 0, 1280, offending, offending.length());
        assertEquals(1280, into.length());
        var error = icmpOf(into);
        assertEquals(1280, error.mtu());
        assertEquals(Icmpv6.MAX_ERROR_QUOTE, error.dataLength());
        assertArrayEquals(offending.copyBytes(0, 1232), error.invokingPacket());
        assertTrue(error.hasValidChecksum(DOC_2, DOC_1));
    }

    @Test
    void errorQuotesNoMoreThanAskedAndFitsASmallPage() throws Exception {
        var offending = packet(UDP);
        var into = Packet.standalone(100);
        Icmpv6.emitError(into, DOC_2, Icmpv6.TIME_EXCEEDED, Icmpv6.HOP_LIMIT_EXCEEDED, 0, offending, 44);
        assertEquals(44, icmpOf(into).dataLength());
        var small = Packet.standalone(80);
        Icmpv6.emitError(small, DOC_2, Icmpv6.TIME_EXCEEDED, 0, 0, offending, offending.length());
        assertEquals(80, small.length());
        assertTrue(icmpOf(small).hasValidChecksum(DOC_2, DOC_1));
    }

    @Test
    void errorCanBeWrittenOverTheOffendingPacket() throws Exception {
        var p = Packet.standalone(1500);
        p.put(0, bytes(UDP));
        p.setLength(62);
        Icmpv6.emitError(p, DOC_2, Icmpv6.PARAMETER_PROBLEM, Icmpv6.ERRONEOUS_HEADER_FIELD, 4, p, p.length());
        var error = icmpOf(p);
        assertEquals(4, error.pointer());
        assertArrayEquals(bytes(UDP), error.invokingPacket());
        assertTrue(error.hasValidChecksum(DOC_2, DOC_1));
    }

    @Test
    void codesAreTheRfc4443Ones() {
        assertEquals(1, Icmpv6.DESTINATION_UNREACHABLE);
        assertEquals(2, Icmpv6.PACKET_TOO_BIG);
        assertEquals(3, Icmpv6.TIME_EXCEEDED);
        assertEquals(4, Icmpv6.PARAMETER_PROBLEM);
        assertEquals(128, Icmpv6.ECHO_REQUEST);
        assertEquals(129, Icmpv6.ECHO_REPLY);
        assertEquals(6, Icmpv6.REJECT_ROUTE);
        assertEquals(1, Icmpv6.REASSEMBLY_TIME_EXCEEDED);
        assertEquals(2, Icmpv6.UNRECOGNIZED_OPTION);
    }
}
