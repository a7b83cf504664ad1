package packos.lib.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static packos.lib.fs.MemoryFileSystemTest.refused;
import static packos.lib.fs.MemoryFileSystemTest.text;

import org.junit.jupiter.api.Test;
import packos.kernel.ErrorCode;

/** The original's string and file streams, with formatted output. */
class StreamTest {
    @Test
    void aStringStreamHoldsWholeWritesAndRefusesOneThatDoesNotFit() {
        var s = new StringStream(16);
        assertEquals(10, s.printf("%d:%s|%04x", 42, "ab", 255));
        assertEquals("42:ab|00ff", s.text());
        refused(ErrorCode.BUFFER_FULL, () -> s.printf("%s", "too long for it"));
        assertEquals("42:ab|00ff", s.text());
        s.write("123456");
        assertEquals(16, s.length());
    }

    @Test
    void aFileStreamWritesFormattedTextIntoTheFile() {
        var files = new MemoryFileSystem("f");
        try (var out = FileStream.open(files, "report.txt", OpenMode.REPLACE)) {
            out.printf("%-5s|%5d|%c%n", "ab", -17, 'z');
            out.write("é\n");
        }
        assertEquals("ab   |  -17|z\né\n", text(files.readAll("report.txt")));
    }

    @Test
    void numbersAreFormattedTheSameInEveryLocale() {
        var s = new StringStream(64);
        s.printf("%,d %.2f", 1234567, 3.5);
        assertEquals("1,234,567 3.50", s.text());
    }
}
