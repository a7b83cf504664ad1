package packos.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import packos.machine.BoardDescription;
import packos.machine.nic.MacAddress;

/** {@code machine mac=}: the card's EEPROM address, so two instances can share one Ethernet. */
class CardMacConfigTest {
    private static final String OK = "process name=ok program=p.Ok\n";

    @Test
    void aConfigWithoutMacKeepsQemusDefaultAddress() throws Exception {
        var c = BootConfigParser.parse("x.boot", "machine wire=loopback\n" + OK);
        assertEquals(BoardDescription.DEFAULT_MAC, c.machine().mac());
    }

    @Test
    void macGivesTheCardItsAddressInEitherCaseAndSurvivesCommandLineOverrides() throws Exception {
        var c = BootConfigParser.parse("x.boot", "machine wire=loopback mac=52:54:00:AB:cd:01\n" + OK);
        assertEquals(MacAddress.parse("52:54:00:ab:cd:01"), c.machine().mac());
        assertEquals(c.machine().mac(), c.withOverrides(2, ClockMode.VIRTUAL, 5L).machine().mac());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "52:54:00:12:34     | x.boot:1: machine: mac=52:54:00:12:34 is not a MAC address (expected six hex bytes joined by ':', e.g. 52:54:00:12:34:57)",
        "52:54:00:12:34:5g  | x.boot:1: machine: mac=52:54:00:12:34:5g is not a MAC address (expected six hex bytes joined by ':', e.g. 52:54:00:12:34:57)",
        "52-54-00-12-34-56  | x.boot:1: machine: mac=52-54-00-12-34-56 is not a MAC address (expected six hex bytes joined by ':', e.g. 52:54:00:12:34:57)",
        "5:54:00:12:34:567  | x.boot:1: machine: mac=5:54:00:12:34:567 is not a MAC address (expected six hex bytes joined by ':', e.g. 52:54:00:12:34:57)",
        "33:33:00:00:00:01  | x.boot:1: machine: mac=33:33:00:00:00:01 is a multicast address (expected a unicast one: the first byte even, e.g. 52:54:00:12:34:57)",
        "ff:ff:ff:ff:ff:ff  | x.boot:1: machine: mac=ff:ff:ff:ff:ff:ff is a multicast address (expected a unicast one: the first byte even, e.g. 52:54:00:12:34:57)",
    })
    void aMacThatIsNotAUnicastAddressIsRefusedNamingIt(String mac, String message) {
        BootConfigErrorTest.assertError("machine wire=loopback mac=" + mac + "\n" + OK, message);
    }
}
