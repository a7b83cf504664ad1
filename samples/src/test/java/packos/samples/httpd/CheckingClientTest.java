package packos.samples.httpd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import packos.lib.fs.CodeFileSystem;
import packos.lib.fs.CodeTree;

/** The checking client's own checks catch what they are there to catch: a check that cannot fail proves nothing. */
class CheckingClientTest {
    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    private static byte[] primesUpTo(int limit) {
        var text = new StringBuilder();
        outer:
        for (int n = 2; n <= limit; n++) {
            for (int d = 2; d * d <= n; d++) if (n % d == 0) continue outer;
            text.append(n).append('\n');
        }
        return bytes(text.toString());
    }

    @Test
    void primeListIsAcceptedOnlyWhenEveryPrimeIsThereInOrder() {
        assertEquals(25, PrimeList.verify(primesUpTo(100)));
        assertThrows(IllegalArgumentException.class, () -> PrimeList.verify(bytes("2\n3\n7\n")), "5 missing");
        assertThrows(IllegalArgumentException.class, () -> PrimeList.verify(bytes("2\n3\n5\n7\n9\n11\n")), "9 is composite");
        assertThrows(IllegalArgumentException.class, () -> PrimeList.verify(bytes("2\n3\n5\n7\n11")), "no final newline");
        assertThrows(IllegalArgumentException.class, () -> PrimeList.verify(bytes("2\n3\n\n5\n")), "an empty line");
        assertThrows(IllegalArgumentException.class, () -> PrimeList.verify(bytes("3\n5\n")), "2 missing");
        assertThrows(IllegalArgumentException.class, () -> PrimeList.verify(bytes("2\n3\n5\n7\n11\n13\n12\n13\n")), "out of order");
    }

    @Test
    void replyParserSplitsPipelinedAnswersAndKnowsHeadAnswersHaveNoBody() {
        var p = new ReplyParser();
        var text = bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Type: text/plain\r\n\r\nbar");
        for (byte b : text) p.feed(new byte[] {b}, 0, 1);
        var head = p.next(true);
        assertEquals(0, head.body().length);
        assertEquals("10", head.header("Content-Length"));
        var get = p.next(false);
        assertArrayEquals(bytes("bar"), get.body());
        assertEquals("text/plain", get.header("content-type"));
        assertNull(p.next(false));
    }

    @Test
    void replyParserRefusesWhatTheServerPromisesNeverToSend() {
        for (var bad : List.of("HTTP/1.1 200 OK\nContent-Length: 0\n\n\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", "ICY 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            var p = new ReplyParser();
            var b = bytes(bad);
            p.feed(b, 0, b.length);
            assertThrows(ReplyParser.ProtocolViolation.class, () -> p.next(false), bad);
        }
    }

    @Test
    void replyParserRefusesAnOverlongHeadWhetherItArrivesWholeOrInPieces() {
        var text = bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nX-Padding: " + "a".repeat(17_000) + "\r\n\r\n");
        var whole = new ReplyParser();
        whole.feed(text, 0, text.length);
        assertThrows(ReplyParser.ProtocolViolation.class, () -> whole.next(false));
        var pieces = new ReplyParser();
        assertThrows(ReplyParser.ProtocolViolation.class, () -> {
            for (int at = 0; at < text.length; at += 1000) {
                pieces.feed(text, at, Math.min(1000, text.length - at));
                pieces.next(false);
            }
        });
    }

    @Test
    void pageCheckReportsEveryDifferenceFromTheFile() {
        var contents = bytes("bar");
        var right = new Reply("HTTP/1.1", 200, "OK",
                java.util.Map.of("server", Response.SERVER, "content-length", "3", "content-type", "text/plain"), contents);
        assertEquals(List.of(), PageCheck.differences("/foo.txt", "/foo.txt", contents, right));
        var wrong = new Reply("HTTP/1.1", 404, "Not Found",
                java.util.Map.of("server", "other", "content-length", "3", "content-type", "text/html"), bytes("baz"));
        var problems = PageCheck.differences("/foo.txt", "/foo.txt", contents, wrong);
        assertEquals(4, problems.size(), problems::toString);
        assertTrue(problems.getLast().contains("at byte 2"), problems::toString);
        assertEquals(1, PageCheck.differences("/x.weird", "/x.weird", contents,
                new Reply("HTTP/1.1", 200, "OK", java.util.Map.of("server", Response.SERVER, "content-length", "3", "content-type", "x/y"), contents)).size());
    }

    @Test
    void everyFileIsFetchedAtItsUrlAndEveryDirectoryIndexAlsoAtTheDirectorysUrl() {
        var files = new CodeFileSystem(CodeTree.builder("t")
                .file("index.html", new byte[1]).file("a b.txt", new byte[1]).file("more/index.html", new byte[1]).file("more/x.css", new byte[1]).build());
        assertEquals(List.of(new Fetch("/a%20b.txt", "/a b.txt"), new Fetch("/index.html", "/index.html"), new Fetch("/", "/index.html"),
                new Fetch("/more/index.html", "/more/index.html"), new Fetch("/more/", "/more/index.html"), new Fetch("/more/x.css", "/more/x.css")),
                HttpCheck.fetchesOf(files));
    }
}
