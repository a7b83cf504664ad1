package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.machine.nic.MacAddress;

/** How IPv6 meets Ethernet addresses (RFC 2464, RFC 4291): in packets, multicast, EUI-64, solicited-node groups. */
class EthernetAddressingTest {

    @Test
    void aMacFieldRoundTripsThroughPacketBytes() {
        var mac = MacAddress.parse("34:02:86:68:bc:ef");
        var p = Packet.standalone(16);
        p.setLength(16);
        MacField.write(p, 3, mac);
        assertEquals(mac, MacField.read(p, 3));
        assertEquals(0x34, p.u8(3));
        assertEquals(0xef, p.u8(8));
    }

    @Test
    void ipv6MulticastMapsTo3333AndTheLow32BitsRfc2464Section7() {
        assertEquals(MacAddress.parse("33:33:00:00:00:01"), Ipv6Multicast.mac(Address.parse("ff02::1")));
        assertEquals(MacAddress.parse("33:33:ff:68:bc:ef"), Ipv6Multicast.mac(Address.parse("ff02::1:ff68:bcef")));
        assertEquals(MacAddress.parse("33:33:fe:dc:ba:98"), Ipv6Multicast.mac(Address.parse("ff05::fedc:ba98")));
        assertThrows(IllegalArgumentException.class, () -> Ipv6Multicast.mac(Address.parse("fe80::1")));
    }

    @Test
    void eui64InsertsFffeAndInvertsTheUniversalLocalBit() {
        // RFC 2464 section 4's example: 34-56-78-9A-BC-DE gives 3656:78FF:FE9A:BCDE.
        assertEquals(0x3656_78ff_fe9a_bcdeL, Eui64.interfaceId(MacAddress.parse("34:56:78:9a:bc:de")));
        // The original's tap0: fe80::3602:86ff:fe68:bcef is the link-local address of 34:02:86:68:bc:ef.
        assertEquals(Address.parse("fe80::3602:86ff:fe68:bcef"), Eui64.linkLocal(MacAddress.parse("34:02:86:68:bc:ef")));
        assertEquals(Address.parse("fe80::5054:ff:fe12:3456"), Eui64.linkLocal(MacAddress.parse("52:54:00:12:34:56")));
    }

    @Test
    void solicitedNodeGroupIsFf021FfAndTheLow24BitsRfc4291Section271() {
        assertEquals(Address.parse("ff02::1:ff68:bcef"), Ipv6Multicast.solicitedNode(Address.parse("fe80::3602:86ff:fe68:bcef")));
        assertEquals(Address.parse("ff02::1:ff00:1"), Ipv6Multicast.solicitedNode(Address.parse("fe80::1")));
        // RFC 4291's example: 4037::01:800:200E:8C6C maps to FF02::1:FF0E:8C6C.
        assertEquals(Address.parse("ff02::1:ff0e:8c6c"), Ipv6Multicast.solicitedNode(Address.parse("4037::01:800:200e:8c6c")));
        assertTrue(Ipv6Multicast.isSolicitedNode(Address.parse("ff02::1:ff0e:8c6c")));
        assertFalse(Ipv6Multicast.isSolicitedNode(Address.parse("ff02::1")));
        assertFalse(Ipv6Multicast.isSolicitedNode(Address.parse("ff05::1:ff0e:8c6c")));
        assertTrue(Ipv6Multicast.isSolicitedNodeOf(Address.parse("ff02::1:ff00:1"), Address.parse("2001:db8::1")));
        assertFalse(Ipv6Multicast.isSolicitedNodeOf(Address.parse("ff02::1:ff00:1"), Address.parse("2001:db8::2")));
        assertThrows(IllegalArgumentException.class, () -> Ipv6Multicast.solicitedNode(Address.parse("ff02::1")));
    }
}
