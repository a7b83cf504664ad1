package packos.samples.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParserTest {
    private static final String GET = "GET /index.html HTTP/1.1\r\nHost: example\r\nAccept: */*\r\n\r\n";

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    private static RequestParser.Outcome parseWhole(String text) {
        var p = new RequestParser();
        var b = bytes(text);
        p.feed(b, 0, b.length);
        return p.next();
    }

    private static Request parsed(String text) {
        return assertInstanceOf(RequestParser.Parsed.class, parseWhole(text)).request();
    }

    private static RequestParser.Rejected rejected(String text) {
        return assertInstanceOf(RequestParser.Rejected.class, parseWhole(text));
    }

    /** Feeds {@code text} in pieces of the given sizes (cycled), collecting every request as it completes. */
    private static List<Request> feedInPieces(String text, int[] cuts) {
        var p = new RequestParser();
        var b = bytes(text);
        var out = new ArrayList<Request>();
        int at = 0;
        for (int i = 0; at < b.length; i++) {
            int n = Math.min(cuts[i % cuts.length], b.length - at);
            p.feed(b, at, n);
            at += n;
            for (RequestParser.Outcome o; !((o = p.next()) instanceof RequestParser.Incomplete); ) {
                out.add(assertInstanceOf(RequestParser.Parsed.class, o).request());
            }
        }
        return out;
    }

    @Test
    void getWithHeadersParsesIntoMethodTargetVersionAndLowerCaseFields() {
        var r = parsed("GET /a/b.html?x=1 HTTP/1.1\r\nHost: example\r\nX-Thing:  spaced value \r\n\r\n");
        assertEquals("GET", r.method());
        assertEquals("/a/b.html?x=1", r.target());
        assertEquals("HTTP/1.1", r.version());
        assertEquals("example", r.header("Host"));
        assertEquals("spaced value", r.header("x-thing"));
    }

    @Test
    void requestSplitAtEveryPossibleBoundaryParsesTheSame() {
        var whole = parsed(GET);
        for (int cut = 1; cut < GET.length(); cut++) {
            var p = new RequestParser();
            var b = bytes(GET);
            p.feed(b, 0, cut);
            assertInstanceOf(RequestParser.Incomplete.class, p.next(), "cut at " + cut);
            p.feed(b, cut, b.length - cut);
            assertEquals(whole, assertInstanceOf(RequestParser.Parsed.class, p.next()).request(), "cut at " + cut);
        }
        assertEquals(List.of(whole), feedInPieces(GET, new int[] {1}));
    }

    @Test
    void pipelinedRequestsComeOutInOrderWhateverTheSegmentSizes() {
        var text = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            text.append("GET /page").append(i).append(" HTTP/1.1\r\nHost: h\r\n");
            text.append(i % 7 == 0 ? "Content-Length: 5\r\n\r\nhello" : "\r\n");
        }
        var random = new Random(42);
        for (int round = 0; round < 20; round++) {
            var requests = feedInPieces(text.toString(), random.ints(30, 1, 200).toArray());
            assertEquals(50, requests.size());
            for (int i = 0; i < 50; i++) assertEquals("/page" + i, requests.get(i).target());
        }
    }

    @Test
    void bodyAnnouncedByContentLengthIsSkippedEvenWhenItLooksLikeARequest() {
        String body = "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n";
        var text = "POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: " + body.length() + "\r\n\r\n" + body + GET;
        var requests = feedInPieces(text, new int[] {3, 11});
        assertEquals(List.of("/form", "/index.html"), requests.stream().map(Request::target).toList());
    }

    @Test
    void bareLineFeedsAndLeadingEmptyLinesAreAccepted() {
        var r = parsed("\r\n\nGET / HTTP/1.0\nUser-Agent: old\n\n");
        assertEquals("/", r.target());
        assertEquals("old", r.header("user-agent"));
    }

    @Test
    void repeatedFieldsAreJoinedInOrder() {
        assertEquals("a, b", parsed("GET / HTTP/1.1\r\nHost: h\r\nAccept: a\r\nAccept: b\r\n\r\n").header("accept"));
    }

    @Test
    void keepAliveFollowsTheVersionAndTheConnectionField() {
        assertEquals(true, parsed("GET / HTTP/1.1\r\nHost: h\r\n\r\n").keepAlive());
        assertEquals(false, parsed("GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n").keepAlive());
        assertEquals(false, parsed("GET / HTTP/1.0\r\n\r\n").keepAlive());
        assertEquals(true, parsed("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive());
        assertEquals(false, parsed("GET / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, close\r\n\r\n").keepAlive());
    }

    @Test
    void headUpToTheLimitIsAcceptedAndOneByteMoreIs431() {
        String start = "GET / HTTP/1.1\r\nHost: h\r\nX: ";
        String end = "\r\n\r\n";
        String fits = start + "x".repeat(RequestParser.MAX_HEAD - start.length() - end.length()) + end;
        assertEquals(RequestParser.MAX_HEAD, fits.length());
        parsed(fits);
        String over = start + "x".repeat(RequestParser.MAX_HEAD - start.length() - end.length() + 1) + end;
        assertEquals(HttpStatus.HEADER_FIELDS_TOO_LARGE, rejected(over).status());
    }

    @Test
    void headThatNeverEndsIsRejectedOnceOverTheLimitWithoutWaitingForMore() {
        var p = new RequestParser();
        var chunk = bytes("GET / HTTP/1.1\r\n" + "X-A: b\r\n".repeat(200));
        int fed = 0;
        RequestParser.Outcome o = new RequestParser.Incomplete();
        while (o instanceof RequestParser.Incomplete) {
            p.feed(chunk, 0, chunk.length);
            fed += chunk.length;
            o = p.next();
        }
        assertEquals(HttpStatus.HEADER_FIELDS_TOO_LARGE, assertInstanceOf(RequestParser.Rejected.class, o).status());
        assertTrue(fed <= RequestParser.MAX_HEAD + chunk.length, "fed " + fed);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GET\r\n\r\n",
            "this is not http\r\n\r\n",
            "GET  /two-spaces HTTP/1.1\r\nHost: h\r\n\r\n",
            "GET /x HTTP/1.1 \r\nHost: h\r\n\r\n",
            "G(T /x HTTP/1.1\r\nHost: h\r\n\r\n",
            "GET /x HTTP/1\r\nHost: h\r\n\r\n",
            "GET /x HTTP/11.1\r\nHost: h\r\n\r\n",
            "GET /x http/1.1\r\nHost: h\r\n\r\n",
            "GET /\u00e9 HTTP/1.1\r\nHost: h\r\n\r\n",
            "GET /x\u0001 HTTP/1.1\r\nHost: h\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: h\r\nNo colon here\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: h\r\nName : space before colon\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: h\r\n: no name\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: h\r\nX: nul\u0000inside\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: h\r\nX: bare\rCR\r\n\r\n",
            "GET /x HTTP/1.1\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: h\r\nContent-Length: 1e3\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
            "GET /x HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999\r\n\r\n"})
    void malformedRequestsAre400(String text) {
        assertEquals(HttpStatus.BAD_REQUEST, rejected(text).status(), text);
    }

    @Test
    void transferCodedBodiesAre501SinceTheirEndCannotBeFound() {
        assertEquals(HttpStatus.NOT_IMPLEMENTED, rejected("POST /x HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n").status());
    }

    @Test
    void otherVersionsParseSoTheServerCanAnswer505AndHttp10NeedsNoHost() {
        assertEquals(2, parsed("GET / HTTP/2.0\r\n\r\n").major());
        assertEquals(0, parsed("GET / HTTP/1.0\r\n\r\n").minor());
        assertEquals(1, parsed("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 7, 7\r\n\r\n").major());
    }

    @Test
    void afterARejectionTheParserStaysRejected() {
        var p = new RequestParser();
        var b = bytes("nonsense\r\n\r\n" + GET);
        p.feed(b, 0, b.length);
        var first = assertInstanceOf(RequestParser.Rejected.class, p.next());
        assertEquals(first, p.next());
    }
}
