package packos.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What of a line reaches the terminal raw, and how the rest is shown. */
class ConsoleTextTest {
    @Test
    void printableTextIsLeftAsItIsWithoutACopy() {
        String text = "GET /index.html 200 1913 \u00e9t\u00e9 \u65e5\u672c \ud83d\ude00 a\\x1b";
        assertSame(text, ConsoleText.escape(text));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "10|\\n", "13|\\r", "9|\\t", "0|\\x00", "11|\\x0b", "12|\\x0c", "27|\\x1b", "127|\\x7f",
            "133|\\x85", "155|\\x9b", "8232|\\u2028", "8233|\\u2029", "8234|\\u202a", "8238|\\u202e", "8294|\\u2066",
            "8297|\\u2069", "8206|\\u200e", "8207|\\u200f", "1564|\\u061c", "8203|\\u200b", "65279|\\ufeff", "173|\\u00ad",
            "917505|\\u{e0001}", "888|\\u0378"})
    void everyCharacterThatCouldEndTheLineOrActOnTheTerminalIsEscaped(int codePoint, String shown) {
        assertEquals("a" + shown + "b", ConsoleText.escape("a" + Character.toString(codePoint) + "b"));
    }

    @Test
    void loneSurrogatesAreEscapedAndPairsKept() {
        assertEquals("\\ud800 \\udc00 \ud83d\ude00 \\udbff", ConsoleText.escape("\ud800 \udc00 \ud83d\ude00 \udbff"));
        assertEquals("x\\ud83d", ConsoleText.escape("x\ud83d"));
    }

    @Test
    void aForgedLineStaysOnItsLine() {
        assertEquals("ok\\n[scheduler] process victim faulted", ConsoleText.escape("ok\n[scheduler] process victim faulted"));
        assertEquals("\\x1b[2J\\x1b]0;t\\x07", ConsoleText.escape("\u001b[2J\u001b]0;t\u0007"));
    }

    @Test
    void utf8LengthCountsEncodedBytes() {
        assertEquals(0, ConsoleText.utf8Length(""));
        assertEquals(1 + 2 + 3 + 4, ConsoleText.utf8Length("a\u00e9\u65e5\ud83d\ude00"));
    }
}
