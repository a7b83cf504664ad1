package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.wire.Vectors.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import packos.kernel.Packet;

class UdpHeaderTest {

    private static UdpHeader udpOf(Packet p) throws MalformedPacketException {
        return UdpHeader.check(p, 40, Ipv6Header.check(p).payloadLength());
    }

    @Test
    void gettersReadTheVector() throws Exception {
        var h = udpOf(packet(UDP));
        assertEquals(12345, h.sourcePort());
        assertEquals(53, h.destinationPort());
        assertEquals(22, h.length());
        assertEquals(UDP_CHECKSUM, h.checksum());
        assertEquals(48, h.payloadOffset());
        assertEquals(14, h.payloadLength());
        assertEquals("hello, packos!", new String(h.payload(), StandardCharsets.US_ASCII));
    }

    @Test
    void checksumOfTheKnownPacketVerifies() throws Exception {
        var h = udpOf(packet(UDP));
        assertTrue(h.hasValidChecksum(DOC_1, DOC_2));
        h.verifyChecksum(DOC_1, DOC_2);
        assertEquals(UDP_CHECKSUM, recompute(h));
    }

    @Test
    void checksumCoversThePseudoHeader() throws Exception {
        var h = udpOf(packet(UDP));
        assertFalse(h.hasValidChecksum(DOC_1, FE80_2));
    }

    @Test
    void corruptedDatagramFailsVerificationNamingTheChecksumField() throws Exception {
        var p = packet(UDP);
        p.putU8(50, p.u8(50) ^ 0x01);
        var h = udpOf(p);
        assertFalse(h.hasValidChecksum(DOC_1, DOC_2));
        var e = assertThrows(MalformedPacketException.class, () -> h.verifyChecksum(DOC_1, DOC_2));
        assertTrue(e.getMessage().contains("UDP checksum field 0xcf7c"), e.getMessage());
    }

    @Test
    void settersRoundTrip() throws Exception {
        var h = udpOf(packet(UDP));
        h.setSourcePort(65535);
        h.setDestinationPort(1);
        h.setLength(20);
        h.setChecksum(0xabcd);
        assertEquals(65535, h.sourcePort());
        assertEquals(1, h.destinationPort());
        assertEquals(20, h.length());
        assertEquals(0xabcd, h.checksum());
        assertThrows(IllegalArgumentException.class, () -> h.setLength(7));
        assertThrows(IllegalArgumentException.class, () -> h.setSourcePort(65536));
    }

    @Test
    void datagramEmitWritesTheVectorByteForByte() {
        var p = Packet.standalone(1500);
        var data = "hello, packos!".getBytes(StandardCharsets.US_ASCII);
        UdpDatagram.emit(p, DOC_1, 12345, DOC_2, 53, data, 0, data.length, 64);
        assertEquals(UDP, hex(p.toByteArray()));
    }

    @Test
    void headerEmitThenCheckVerifies() throws Exception {
        var p = Packet.standalone(200);
        Ipv6Header.emit(p, 0, 0, 8 + 5, Ipv6Header.UDP, 64, FE80_1, FE80_2);
        p.put(48, of(1, 2, 3, 4, 5));
        UdpHeader.emit(p, 40, 7, 9, 13, FE80_1, FE80_2);
        var h = udpOf(p);
        assertEquals(7, h.sourcePort());
        assertEquals(9, h.destinationPort());
        assertEquals(13, h.length());
        assertTrue(h.hasValidChecksum(FE80_1, FE80_2));
    }

    @Test
    void aComputedChecksumOfZeroIsSentAsFfff() throws Exception {
        var p = Packet.standalone(100);
        var data = bytes(UDP_DATA_SUMMING_TO_ZERO);
        var h = UdpDatagram.emit(p, DOC_1, 1000, DOC_2, 2000, data, 0, data.length, 64);
        assertEquals(0xffff, h.checksum());
        assertTrue(udpOf(p).hasValidChecksum(DOC_1, DOC_2));
    }

    @Test
    void bytesPastTheLengthFieldAreNotPartOfTheDatagram() throws Exception {
        var b = bytes(UDP);
        var p = Packet.of(concat(b, of(0xde, 0xad)));
        p.putU16(4, 24);
        var h = UdpHeader.check(p, 40, 24);
        assertEquals(14, h.payloadLength());
        assertTrue(h.hasValidChecksum(DOC_1, DOC_2));
    }

    @Test
    void fewerThan8BytesAreMalformed() {
        var p = ipv6(Ipv6Header.UDP, of(0x30, 0x39, 0, 53, 0, 8, 1));
        var e = assertThrows(MalformedPacketException.class, () -> UdpHeader.check(p, 40, 7));
        assertTrue(e.getMessage().contains("8-byte header"), e.getMessage());
    }

    @Test
    void lengthFieldShorterThanTheHeaderIsMalformed() {
        var p = ipv6(Ipv6Header.UDP, of(0x30, 0x39, 0, 53, 0, 7, 0x12, 0x34, 0));
        var e = assertThrows(MalformedPacketException.class, () -> UdpHeader.check(p, 40, 9));
        assertEquals("UDP length field 7 is shorter than the 8-byte header", e.getMessage());
    }

    @Test
    void lengthFieldLongerThanWhatRemainsIsMalformed() {
        var p = ipv6(Ipv6Header.UDP, of(0x30, 0x39, 0, 53, 0, 10, 0x12, 0x34, 0));
        var e = assertThrows(MalformedPacketException.class, () -> UdpHeader.check(p, 40, 9));
        assertTrue(e.getMessage().startsWith("UDP length field 10 is longer"), e.getMessage());
    }

    @Test
    void zeroChecksumIsMalformedOverIpv6() {
        var p = packet(UDP);
        p.putU16(46, 0);
        var e = assertThrows(MalformedPacketException.class, () -> udpOf(p));
        assertTrue(e.getMessage().contains("UDP checksum field is 0"), e.getMessage());
    }

    @Test
    void aRegionOutsideThePacketIsMalformedNotAnIndexError() {
        var p = packet(UDP);
        assertThrows(MalformedPacketException.class, () -> UdpHeader.check(p, 40, 100));
        assertThrows(MalformedPacketException.class, () -> UdpHeader.check(p, -1, 8));
        assertThrows(MalformedPacketException.class, () -> UdpHeader.check(p, 60, 8));
    }

    private static int recompute(UdpHeader h) {
        int saved = h.checksum();
        h.setChecksum(0);
        int c = Checksums.compute(h.packet(), h.offset(), h.length(), DOC_1, DOC_2, Ipv6Header.UDP);
        h.setChecksum(saved);
        return c;
    }
}
