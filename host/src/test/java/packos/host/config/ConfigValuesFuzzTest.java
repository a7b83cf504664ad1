package packos.host.config;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import packos.kernel.Address;
import packos.kernel.Prefix;
import packos.machine.nic.MacAddress;

/**
 * Coverage-guided fuzzing (Jazzer) of the values inside a boot config line and the command
 * line: IPv6 addresses and prefixes, MAC addresses, capabilities and the card's wire. Any text
 * is a value or an IllegalArgumentException; a value written out again reads back the same;
 * and a MAC address is accepted only as six two-digit hex bytes joined by ':' or '-', whatever
 * the case.
 */
class ConfigValuesFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void any_text_is_a_value_that_reads_back_from_its_own_spelling_or_refused(byte[] bytes) {
        if (bytes.length == 0) return;
        var text = new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
        try {
            switch ((bytes[0] & 0xff) % 5) {
                case 0 -> {
                    var a = Address.parse(text);
                    assertEquals(a, Address.parse(a.toString()));
                    assertEquals(a, Address.parse(a.toFullString()));
                }
                case 1 -> {
                    var p = Prefix.parse(text);
                    assertEquals(p, Prefix.parse(p.toString()));
                }
                case 2 -> {
                    var mac = MacAddress.parse(text);
                    assertEquals(text.replace('-', ':').toLowerCase(Locale.ROOT), mac.toString(), "another spelling accepted");
                }
                case 3 -> {
                    var c = Capability.parse(text);
                    assertEquals(c, Capability.parse(c.text()));
                }
                default -> {
                    var wire = CardWire.parse(text);
                    assertEquals(wire, CardWire.parse(wire.describe()));
                }
            }
        } catch (IllegalArgumentException refused) {
            assertNotNull(refused.getMessage());
        }
    }
}
