package packos.host.config;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the boot config parser (Jazzer). Any text is a config or a
 * {@link BootConfigException} that names this source and a line the text has; nothing else
 * escapes. A config means the same with LF, CRLF or CR line ends: the same config, or the same
 * error on the same line.
 */
class BootConfigParserFuzzTest {
    private static final String SOURCE = "fuzz.boot";

    @FuzzTest(maxDuration = "10m")
    void any_text_is_a_config_or_an_error_naming_its_line(byte[] bytes) {
        var text = new String(bytes, StandardCharsets.UTF_8);
        var lf = outcome(text);
        if (lf instanceof BootConfigException e) {
            assertEquals(SOURCE, e.source());
            int lines = Math.max(1, (int) text.lines().count());
            assertTrue(e.line() >= 1 && e.line() <= lines, "line " + e.line() + " of " + lines + ": " + e.getMessage());
            assertTrue(e.getMessage().startsWith(SOURCE + ":" + e.line() + ": "), e.getMessage());
            assertFalse(e.problem().isBlank());
        }
        if (text.indexOf('\r') < 0) {
            assertEquals(describe(lf), describe(outcome(text.replace("\n", "\r\n"))), "CRLF line ends read differently");
            assertEquals(describe(lf), describe(outcome(text.replace('\n', '\r'))), "CR line ends read differently");
        }
    }

    private static Object outcome(String text) {
        try {
            return BootConfigParser.parse(SOURCE, text);
        } catch (BootConfigException e) {
            return e;
        }
    }

    private static String describe(Object outcome) {
        return outcome instanceof BootConfigException e ? "error: " + e.getMessage() : outcome.toString();
    }
}
