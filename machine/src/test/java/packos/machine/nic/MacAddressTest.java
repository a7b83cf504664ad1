package packos.machine.nic;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class MacAddressTest {

    @Test
    void parsesAndFormatsTheIpLinkForm() {
        var mac = MacAddress.parse("52:54:00:12:34:56");
        assertEquals(0x5254_0012_3456L, mac.bits());
        assertEquals("52:54:00:12:34:56", mac.toString());
        assertEquals(mac, MacAddress.parse("52-54-00-12-34-56"));
        assertEquals("34:02:86:68:bc:ef", MacAddress.parse("34:02:86:68:BC:EF").toString());
    }

    @Test
    void malformedTextIsRefusedNamingWhatIsWrong() {
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("52:54:00:12:34"));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("52:54:00-12:34:56"));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("52:54:00:12:34:56::"));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("52:54:00:12:34:\uff15\uff16"), "fullwidth digits are not hex");
        var e = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("52:54:00:12:3g:56"));
        assertTrue(e.getMessage().contains("octet 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(1L << 48));
    }

    @Test
    void bytesRoundTripInNetworkOrder() {
        var mac = MacAddress.parse("34:02:86:68:bc:ef");
        assertArrayEquals(new byte[] {0x34, 0x02, (byte) 0x86, 0x68, (byte) 0xbc, (byte) 0xef}, mac.toBytes());
        assertEquals(mac, MacAddress.of(mac.toBytes(), 0));
        var b = new byte[10];
        mac.toBytes(b, 3);
        assertEquals(mac, MacAddress.of(b, 3));
    }

    @Test
    void theGroupBitMakesMulticastAndAllOnesIsBroadcast() {
        assertTrue(MacAddress.BROADCAST.isBroadcast());
        assertTrue(MacAddress.BROADCAST.isMulticast());
        assertTrue(MacAddress.parse("33:33:00:00:00:01").isMulticast());
        assertFalse(MacAddress.parse("33:33:00:00:00:01").isBroadcast());
        assertTrue(MacAddress.parse("52:54:00:12:34:56").isUnicast());
        assertTrue(MacAddress.parse("52:54:00:12:34:56").isLocallyAdministered());
        assertFalse(MacAddress.parse("34:02:86:68:bc:ef").isLocallyAdministered());
    }
}
