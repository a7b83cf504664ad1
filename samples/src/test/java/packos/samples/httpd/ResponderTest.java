package packos.samples.httpd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import packos.lib.fs.CodeFileSystem;
import packos.lib.fs.CodeTree;

/** What the server answers, and how the answer is framed on the wire. */
class ResponderTest {
    private static final byte[] INDEX = "<h1>hello</h1>\n".getBytes(StandardCharsets.US_ASCII);

    private final Responder responder = new Responder(new Docroot(new CodeFileSystem(CodeTree.builder("test")
            .file("index.html", INDEX)
            .file("foo.txt", "bar".getBytes(StandardCharsets.US_ASCII))
            .file("more/index.html", INDEX)
            .file("empty/readme.txt", new byte[0])
            .build())));

    private static Request request(String method, String target, int minor, String... fields) {
        var headers = new java.util.HashMap<String, String>();
        if (minor == 1) headers.put("host", "h");
        for (int i = 0; i < fields.length; i += 2) headers.put(fields[i], fields[i + 1]);
        return new Request(method, target, 1, minor, headers);
    }

    private static String head(Response r, boolean http10KeepAlive) { return new String(r.head(http10KeepAlive), StandardCharsets.ISO_8859_1); }

    @Test
    void fileIsAnsweredWithItsTypeAndLengthAndEveryLineEndsInCrlf() {
        var r = responder.answer(request("GET", "/foo.txt", 1));
        assertEquals(new Response.FileBody("/foo.txt"), r.body());
        assertEquals("HTTP/1.1 200 OK\r\nServer: sample-httpd/1.0 (PackOS)\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\n", head(r, false));
        assertFalse(head(r, false).contains("Date"), "no Date: the machine has no calendar clock");
    }

    @Test
    void directoryWithSlashServesItsIndexAndWithoutSlashIsRedirected() {
        var root = responder.answer(request("GET", "/", 1));
        assertEquals(new Response.FileBody("/index.html"), root.body());
        assertEquals("text/html", root.contentType());
        assertEquals(new Response.FileBody("/more/index.html"), responder.answer(request("GET", "/more/", 1)).body());
        var redirect = responder.answer(request("GET", "/more?x=1", 1));
        assertEquals(HttpStatus.MOVED_PERMANENTLY, redirect.status());
        assertEquals(List.of(new Response.Field("Location", "/more/")), redirect.fields());
        assertFalse(redirect.close());
    }

    @Test
    void headAnswersCarryTheLengthGetWouldGetAndNoBody() {
        var get = responder.answer(request("GET", "/index.html", 1));
        var head = responder.answer(request("HEAD", "/index.html", 1));
        assertInstanceOf(Response.NoBody.class, head.body());
        assertEquals(INDEX.length, head.contentLength());
        assertEquals(head(get, false), head(head, false));
        var missing = responder.answer(request("HEAD", "/nope", 1));
        assertEquals(HttpStatus.NOT_FOUND, missing.status());
        assertInstanceOf(Response.NoBody.class, missing.body());
    }

    @Test
    void missingFilesDirectoriesWithoutAnIndexAndFileNamesWithASlashAre404AndKeepTheConnection() {
        for (var target : List.of("/nope.html", "/empty/", "/foo.txt/", "/more/nope")) {
            var r = responder.answer(request("GET", target, 1));
            assertEquals(HttpStatus.NOT_FOUND, r.status(), target);
            assertFalse(r.close(), target);
        }
    }

    @Test
    void knownMethodsThatChangeThingsAre405WithAllowAndUnknownOnesAre501() {
        for (var method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
            var r = responder.answer(request(method, "/foo.txt", 1));
            assertEquals(HttpStatus.METHOD_NOT_ALLOWED, r.status(), method);
            assertTrue(head(r, false).contains("\r\nAllow: GET, HEAD\r\n"), method);
        }
        assertEquals(HttpStatus.NOT_IMPLEMENTED, responder.answer(request("BREW", "/", 1)).status());
        assertEquals(HttpStatus.NOT_IMPLEMENTED, responder.answer(request("get", "/", 1)).status(), "methods are case-sensitive");
    }

    @Test
    void pathsOutsideTheDocrootAre403AndMalformedOnes400ThatCloses() {
        var forbidden = responder.answer(request("GET", "/%2e%2e/x", 1));
        assertEquals(HttpStatus.FORBIDDEN, forbidden.status());
        assertFalse(forbidden.close());
        var bad = responder.answer(request("GET", "/%zz", 1));
        assertEquals(HttpStatus.BAD_REQUEST, bad.status());
        assertTrue(bad.close());
    }

    @Test
    void versionsOtherThan1xAre505AndClose() {
        var r = responder.answer(new Request("GET", "/", 2, 0, java.util.Map.of()));
        assertEquals(HttpStatus.VERSION_NOT_SUPPORTED, r.status());
        assertTrue(head(r, false).contains("\r\nConnection: close\r\n"));
    }

    @Test
    void http10ClosesUnlessItAskedToKeepAliveAndIsThenToldSo() {
        var plain = responder.answer(request("GET", "/foo.txt", 0));
        assertTrue(plain.close());
        assertTrue(head(plain, false).contains("\r\nConnection: close\r\n"));
        var kept = responder.answer(request("GET", "/foo.txt", 0, "connection", "keep-alive"));
        assertFalse(kept.close());
        assertTrue(head(kept, true).contains("\r\nConnection: keep-alive\r\n"));
        assertTrue(responder.answer(request("GET", "/foo.txt", 1, "connection", "close")).close());
    }

    @Test
    void rejectedRequestsGetAnErrorPageWhoseLengthIsItsContentLengthAndClose() {
        var r = Responder.reject(new RequestParser.Rejected(HttpStatus.HEADER_FIELDS_TOO_LARGE, "big"));
        var body = assertInstanceOf(Response.Bytes.class, r.body()).data();
        assertEquals(body.length, r.contentLength());
        assertTrue(r.close());
        assertTrue(head(r, false).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assertFalse(new String(body, StandardCharsets.UTF_8).contains("big"), "the page does not echo what the client sent");
    }

    @Test
    void redirectLocationIsPercentEncodedSoADirectoryNameCannotInjectHtmlOrHeaders() {
        var odd = new Responder(new Docroot(new CodeFileSystem(CodeTree.builder("odd").file("<b> x/index.html", INDEX).build())));
        var r = odd.answer(request("GET", "/%3Cb%3E%20x", 1));
        assertEquals(List.of(new Response.Field("Location", "/%3Cb%3E%20x/")), r.fields());
        var page = new String(assertInstanceOf(Response.Bytes.class, r.body()).data(), StandardCharsets.UTF_8);
        assertFalse(page.contains("<b>"));
    }
}
