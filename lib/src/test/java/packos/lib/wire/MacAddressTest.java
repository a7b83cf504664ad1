package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.kernel.Packet;

class MacAddressTest {

    @Test
    void parses_and_formats_the_ip_link_form() {
        var mac = MacAddress.parse("52:54:00:12:34:56");
        assertEquals(0x5254_0012_3456L, mac.bits());
        assertEquals("52:54:00:12:34:56", mac.toString());
        assertEquals(mac, MacAddress.parse("52-54-00-12-34-56"));
        assertEquals("34:02:86:68:bc:ef", MacAddress.parse("34:02:86:68:BC:EF").toString());
    }

    @Test
    void malformed_text_is_refused_naming_what_is_wrong() {
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("52:54:00:12:34"));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("52:54:00-12:34:56"));
        var e = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("52:54:00:12:3g:56"));
        assertTrue(e.getMessage().contains("octet 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(1L << 48));
    }

    @Test
    void bytes_and_packets_round_trip() {
        var mac = MacAddress.parse("34:02:86:68:bc:ef");
        assertArrayEquals(new byte[] {0x34, 0x02, (byte) 0x86, 0x68, (byte) 0xbc, (byte) 0xef}, mac.toBytes());
        assertEquals(mac, MacAddress.of(mac.toBytes(), 0));
        var p = Packet.standalone(16);
        p.setLength(16);
        mac.write(p, 3);
        assertEquals(mac, MacAddress.read(p, 3));
    }

    @Test
    void group_bit_makes_multicast_and_all_ones_is_broadcast() {
        assertTrue(MacAddress.BROADCAST.isBroadcast());
        assertTrue(MacAddress.BROADCAST.isMulticast());
        assertTrue(MacAddress.parse("33:33:00:00:00:01").isMulticast());
        assertFalse(MacAddress.parse("33:33:00:00:00:01").isBroadcast());
        assertTrue(MacAddress.parse("52:54:00:12:34:56").isUnicast());
        assertTrue(MacAddress.parse("52:54:00:12:34:56").isLocallyAdministered());
        assertFalse(MacAddress.parse("34:02:86:68:bc:ef").isLocallyAdministered());
    }

    @Test
    void ipv6_multicast_maps_to_33_33_and_the_low_32_bits_rfc_2464_section_7() {
        assertEquals(MacAddress.parse("33:33:00:00:00:01"), MacAddress.ipv6Multicast(Address.parse("ff02::1")));
        assertEquals(MacAddress.parse("33:33:ff:68:bc:ef"), MacAddress.ipv6Multicast(Address.parse("ff02::1:ff68:bcef")));
        assertEquals(MacAddress.parse("33:33:fe:dc:ba:98"), MacAddress.ipv6Multicast(Address.parse("ff05::fedc:ba98")));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.ipv6Multicast(Address.parse("fe80::1")));
    }

    @Test
    void eui_64_inserts_fffe_and_inverts_the_universal_local_bit() {
        // RFC 2464 section 4's example: 34-56-78-9A-BC-DE gives 3656:78FF:FE9A:BCDE.
        assertEquals(0x3656_78ff_fe9a_bcdeL, MacAddress.parse("34:56:78:9a:bc:de").interfaceId());
        // The original's tap0: fe80::3602:86ff:fe68:bcef is the link-local address of 34:02:86:68:bc:ef.
        assertEquals(Address.parse("fe80::3602:86ff:fe68:bcef"), MacAddress.parse("34:02:86:68:bc:ef").linkLocal());
        assertEquals(Address.parse("fe80::5054:ff:fe12:3456"), MacAddress.parse("52:54:00:12:34:56").linkLocal());
    }

    @Test
    void solicited_node_group_is_ff02_1_ff_and_the_low_24_bits_rfc_4291_section_2_7_1() {
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
