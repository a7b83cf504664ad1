package packos.host.codefs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import packos.lib.fs.CodeFileSystem;
import packos.lib.fs.FileSystem;

/**
 * The httpd sample's docroot ships as built-in tree "httpd": its committed index must match the
 * directory, it must load byte for byte, and its pages must be what they claim to be (the sizes
 * the probes are named for, offsets that are true, primes that are prime).
 */
class BuiltInHttpdTreeTest {
    /** The tree's source, from the host module's directory (where the tests run). */
    private static final Path SOURCE = Path.of("../samples/src/main/resources/packos/codefs/httpd");
    private static final int[] PROBES = {402, 804, 1206, 1300, 1312, 1314, 1315};

    private static FileSystem files;

    @BeforeAll
    static void load() throws Exception {
        files = new CodeFileSystem(new BuiltInTrees(BuiltInHttpdTreeTest.class.getClassLoader()).read("httpd"));
    }

    @Test
    void committedIndexMatchesTheDirectory() throws Exception {
        var expected = CodeTreeIndex.of(HostDirectory.walk(SOURCE)).render();
        var committed = Files.readString(SOURCE.resolveSibling("httpd.index"), StandardCharsets.UTF_8);
        assertEquals(expected, committed, "packos/codefs/httpd.index is stale; it should read:\n" + expected);
    }

    @Test
    void everyFileLoadsByteIdenticalToItsSource() throws Exception {
        int checked = 0;
        for (var item : HostDirectory.walk(SOURCE)) {
            if (item.directory()) {
                assertTrue(files.isDirectory(item.path()), item.path());
            } else {
                assertArrayEquals(Files.readAllBytes(item.file()), files.readAll(item.path()), item.path());
                checked++;
            }
        }
        assertTrue(checked >= 19, "files checked: " + checked);
    }

    @Test
    void builtInTreesListHttpdAndTheFileSamplesTree() throws Exception {
        assertEquals(java.util.List.of("httpd", "file"), new BuiltInTrees(getClass().getClassLoader()).names());
    }

    @Test
    void theSitesPagesAreThere() {
        for (String page : new String[] {"index.html", "thesis-idea.html", "two.html", "style.css", "glider.svg", "favicon.png",
                "more/index.html", "10k.html", "100k.html", "primes.txt"}) {
            assertTrue(files.exists(page), page);
        }
        assertEquals("bar", text("foo.txt"));
    }

    @Test
    void indexLinksToEveryPageAndTheStylesheetAndTheImage() {
        var index = text("index.html");
        for (String link : new String[] {"href=\"/style.css\"", "src=\"/glider.svg\"", "href=\"/thesis-idea.html\"", "href=\"/two.html\"",
                "href=\"/foo.txt\"", "href=\"/more/\"", "href=\"/10k.html\"", "href=\"/100k.html\"", "href=\"/primes.txt\""}) {
            assertTrue(index.contains(link), link);
        }
        for (int n : PROBES) assertTrue(index.contains("href=\"/" + n + ".html\""), n + ".html");
    }

    @Test
    void sizeProbesAreThe402BytePageRepeatedAndCutToTheirNames() {
        var page = files.readAll("402.html");
        assertEquals(402, page.length);
        for (int n : PROBES) {
            var probe = files.readAll(n + ".html");
            assertEquals(n, probe.length, n + ".html");
            for (int i = 0; i < n; i++) assertEquals(page[i % 402], probe[i], n + ".html byte " + i);
        }
    }

    @Test
    void pagesLargerThanASegmentSayTheirOwnOffsets() {
        for (var page : new String[] {"10k.html", "100k.html"}) {
            var text = text(page);
            assertEquals(page.equals("10k.html") ? 10240 : 102400, text.length());
            var m = Pattern.compile("<p>line (\\d{5}) of " + Pattern.quote(page) + ": this line starts at byte (\\d{6})</p>").matcher(text);
            int lines = 0;
            while (m.find()) {
                lines++;
                assertEquals(lines, Integer.parseInt(m.group(1)), page);
                assertEquals(m.start(), Integer.parseInt(m.group(2)), page + " line " + lines);
            }
            assertTrue(lines > text.length() / 70, page + " has " + lines + " numbered lines");
        }
    }

    @Test
    void primesTxtIsTheFirstPrimesOnePerLineAndMegabytesLong() {
        var text = text("primes.txt");
        assertTrue(text.length() >= 3_000_000 && text.length() <= 4_000_000, "length " + text.length());
        var lines = text.split("\n");
        assertTrue(text.endsWith("\n"));
        int limit = Integer.parseInt(lines[lines.length - 1]);
        var composite = new boolean[limit + 1];
        int k = 0;
        for (int n = 2; n <= limit; n++) {
            if (composite[n]) continue;
            assertEquals(Integer.toString(n), lines[k], "line " + (k + 1));
            k++;
            for (long m = (long) n * n; m <= limit; m += n) composite[(int) m] = true;
        }
        assertEquals(lines.length, k, "every line is the next prime");
    }

    @Test
    void faviconIsARealPng() throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(files.readAll("favicon.png")));
        assertEquals(16, image.getWidth());
        assertEquals(16, image.getHeight());
        assertTrue(Arrays.equals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(files.readAll("favicon.png"), 4)));
    }

    private static String text(String path) { return new String(files.readAll(path), StandardCharsets.UTF_8); }
}
