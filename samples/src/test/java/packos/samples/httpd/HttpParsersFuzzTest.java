package packos.samples.httpd;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of the httpd sample's parsers: the server's request parser,
 * the request target's resolution into the docroot, and the checking client's answer parser.
 * Whatever a client sends, the parser answers with requests or a rejection, the same whether the
 * bytes came all at once or cut anyhow by TCP; nothing else escapes, and no target resolves to a
 * path outside the docroot.
 */
class HttpParsersFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void requests_read_the_same_however_the_stream_is_cut(FuzzedDataProvider data) {
        int[] cuts = new int[data.consumeInt(0, 16)];
        for (int i = 0; i < cuts.length; i++) cuts[i] = data.consumeInt(1, 512);
        byte[] stream = repeated(data);

        var whole = new RequestParser();
        whole.feed(stream, 0, stream.length);
        var expected = new ArrayList<String>();
        drain(whole, expected);

        var pieces = new RequestParser();
        var actual = new ArrayList<String>();
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int n = cuts.length == 0 ? 1 : Math.min(cuts[i % cuts.length], stream.length - at);
            pieces.feed(stream, at, n);
            at += n;
            drain(pieces, actual);
        }
        if (stream.length == 0) drain(pieces, actual);
        assertEquals(expected, actual, () -> "cut at " + Arrays.toString(cuts) + ": " + HexFormat.of().formatHex(stream));
    }

    /**
     * The rest of the input, repeated up to 64 times: the fuzzer's inputs are short, and the
     * limits on a head (8 KB for requests, 16 KB for answers) are only reached by long streams.
     */
    private static byte[] repeated(FuzzedDataProvider data) {
        int times = data.consumeInt(1, 64);
        byte[] once = data.consumeRemainingAsBytes();
        var stream = new byte[once.length * times];
        for (int i = 0; i < times; i++) System.arraycopy(once, 0, stream, i * once.length, once.length);
        return stream;
    }

    /** Takes every outcome up to the first Incomplete or rejection, describing each; a rejection ends the connection. */
    private static void drain(RequestParser parser, List<String> outcomes) {
        for (int guard = 0; guard < 100_000; guard++) {
            switch (parser.next()) {
                case RequestParser.Incomplete i -> {
                    return;
                }
                case RequestParser.Rejected r -> {
                    assertNotNull(r.status());
                    assertTrue(r.status().code() >= 400, r.toString());
                    assertSame(r, parser.next(), "a rejected parser accepts again");
                    if (outcomes.isEmpty() || !outcomes.getLast().equals(r.toString())) outcomes.add(r.toString());
                    return;
                }
                case RequestParser.Parsed(var request) -> {
                    assertTrue(RequestParser.isToken(request.method()), request.method());
                    assertFalse(request.target().isEmpty());
                    request.keepAlive();
                    resolved(request.target());
                    outcomes.add(request.toString());
                }
            }
        }
        fail("the parser returned requests without end");
    }

    @FuzzTest(maxDuration = "10m")
    void a_request_target_resolves_inside_the_docroot_or_is_refused(byte[] bytes) {
        resolved(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private static void resolved(String target) {
        switch (RequestTarget.resolve(target)) {
            case RequestTarget.Refused r -> assertTrue(r.status().code() == 400 || r.status().code() == 403, r.toString());
            case RequestTarget.DocrootPath(var path, var directory) -> {
                assertTrue(path.startsWith("/"), path);
                if (!path.equals("/")) {
                    for (var name : path.substring(1).split("/", -1)) {
                        assertFalse(name.isEmpty() || name.equals(".") || name.equals(".."), "name '" + name + "' in " + path);
                        assertTrue(name.indexOf('\0') < 0 && name.indexOf('\\') < 0, path);
                    }
                }
                // The Location the server would write for this path leads back to it.
                var again = assertInstanceOf(RequestTarget.DocrootPath.class, RequestTarget.resolve(RequestTarget.encode(path)));
                assertEquals(path, again.path());
            }
        }
    }

    @FuzzTest(maxDuration = "10m")
    void answers_read_the_same_however_the_stream_is_cut(FuzzedDataProvider data) {
        long toHead = data.consumeLong();
        int cut = data.consumeInt(1, 600);
        byte[] stream = repeated(data);
        var expected = replies(stream, stream.length, toHead);
        var actual = replies(stream, cut, toHead);
        assertEquals(expected, actual, () -> "cut every " + cut + ": " + HexFormat.of().formatHex(stream));
    }

    /** Every answer in the stream fed {@code cut} bytes at a time, then the violation that ended it, if any. */
    private static List<String> replies(byte[] stream, int cut, long toHead) {
        var parser = new ReplyParser();
        var out = new ArrayList<String>();
        try {
            int at = 0;
            do {
                int n = Math.min(cut, stream.length - at);
                parser.feed(stream, at, n);
                at += n;
                for (Reply r; (r = parser.next((toHead >>> (out.size() & 63) & 1) != 0)) != null; ) {
                    assertTrue(r.status() >= 100 && r.status() <= 599);
                    out.add(r + " " + r.headers() + " " + HexFormat.of().formatHex(r.body()));
                }
            } while (at < stream.length);
        } catch (ReplyParser.ProtocolViolation e) {
            out.add("violation: " + e.getMessage());
        }
        return out;
    }
}
