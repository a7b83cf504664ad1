package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.wire.Vectors.*;

import org.junit.jupiter.api.Test;
import packos.kernel.Packet;
import packos.machine.nic.MacAddress;

class EthernetFrameTest {
    private static final MacAddress LINUX = MacAddress.parse("34:02:86:68:bc:ef");
    private static final MacAddress PACKOS = MacAddress.parse("52:54:00:12:34:56");

    @Test
    void aFrameReadsItsAddressesEthertypeAndPayload() throws Exception {
        var frame = EthernetFrame.check(bytes("333300000001" + "34028668bcef" + "86dd" + NdpTest.RA));
        assertEquals(MacAddress.parse("33:33:00:00:00:01"), frame.destination());
        assertEquals(LINUX, frame.source());
        assertEquals(EthernetFrame.ETHERTYPE_IPV6, frame.etherType());
        assertTrue(frame.isIpv6());
        assertEquals(14, frame.payloadOffset());
        assertEquals(bytes(NdpTest.RA).length, frame.payloadLength());
        var ip = Packet.standalone(1500);
        frame.copyPayloadTo(ip);
        assertInstanceOf(RouterAdvertisement.class, Ndp.check(ip));
    }

    @Test
    void aFrameShorterThanItsHeaderIsMalformedNamingIt() {
        var e = assertThrows(MalformedPacketException.class, () -> EthernetFrame.check(new byte[13]));
        assertEquals("Ethernet header: the frame is 13 bytes, shorter than the 14 of destination, source and EtherType", e.getMessage());
    }

    @Test
    void emitFramesAnIpv6PacketAndPadsShortFramesTo60Bytes() throws Exception {
        var ns = packet(NdpTest.LINUX_NS);
        var into = Packet.standalone(1514);
        var frame = EthernetFrame.emitIpv6(into, Ipv6Multicast.mac(Ipv6Multicast.solicitedNode(FE80_1)), LINUX, ns);
        assertEquals(14 + 72, into.length());
        var again = EthernetFrame.check(into);
        assertEquals(MacAddress.parse("33:33:ff:00:00:01"), again.destination());
        assertEquals(LINUX, again.source());
        assertEquals(frame.etherType(), 0x86dd);
        var ip = Packet.standalone(1500);
        again.copyPayloadTo(ip);
        assertEquals(NdpTest.LINUX_NS, hex(ip.toByteArray()));

        var tiny = Packet.standalone(64);
        EthernetFrame.emit(tiny, MacAddress.BROADCAST, PACKOS, 0x88b5, 2);
        assertEquals(EthernetFrame.MINIMUM_LENGTH, tiny.length());
        assertEquals(0, tiny.u8(59));
    }

    @Test
    void strippingTheHeaderLeavesThePayloadAtOffsetZeroOfTheSamePage() throws Exception {
        var ra = bytes(NdpTest.RA);
        var frame = EthernetFrame.check(bytes("333300000001" + "34028668bcef" + "86dd" + NdpTest.RA));
        var page = frame.packet();
        assertSame(page, frame.stripHeader());
        assertEquals(ra.length, page.length());
        assertArrayEquals(ra, page.toByteArray());
        assertEquals(Ipv6Header.ICMPV6, Ipv6Header.check(page).nextHeader(), "the IPv6 views read it where they expect it");
    }

    @Test
    void settersRefuseValuesThatDoNotFit() throws Exception {
        var frame = EthernetFrame.check(new byte[14]);
        frame.setDestination(PACKOS);
        frame.setSource(LINUX);
        frame.setEtherType(0x86dd);
        assertEquals("525400123456" + "34028668bcef" + "86dd", hex(frame.packet().toByteArray()));
        assertThrows(IllegalArgumentException.class, () -> frame.setEtherType(0x10000));
        assertThrows(IllegalArgumentException.class, () -> EthernetFrame.emit(Packet.standalone(20), PACKOS, LINUX, 0x86dd, 7));
    }
}
