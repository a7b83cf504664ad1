package packos.samples.httpd;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * Turns a connection's bytes into requests, however TCP cut them up: bytes are fed as they come
 * and {@link #next()} returns each request once its head is complete, in order, so pipelined
 * requests come out one after another. A request body (only a Content-Length one) is skipped:
 * this server serves no method that takes one, but the next request starts after it.
 *
 * <p>The head (request line and header fields) may be at most {@link #MAX_HEAD} bytes. Lines end
 * in CRLF or, as RFC 9112 lets a server accept, a bare LF; empty lines before a request line are
 * ignored. After a rejection the parser stays rejected: the connection must close, since where
 * the next request would start is unknown.
 */
public final class RequestParser {
    public static final int MAX_HEAD = 8 * 1024;
    /** A body length with more digits than this cannot be real, and would overflow a long. */
    private static final int MAX_LENGTH_DIGITS = 18;

    /** What {@link #next()} found. */
    public sealed interface Outcome permits Incomplete, Parsed, Rejected {}

    /** More bytes are needed before the next request is complete. */
    public record Incomplete() implements Outcome {}

    public record Parsed(Request request) implements Outcome {}

    /** The input is not a request this server can read; answer with {@code status} and close. */
    public record Rejected(HttpStatus status, String reason) implements Outcome {}

    private static final Incomplete INCOMPLETE = new Incomplete();

    private byte[] buffer = new byte[1024];
    private int start;
    private int end;
    /** Bytes from {@code start} already searched for the head's end, and where the current line starts. */
    private int scanned;
    private int lineStart;
    private long bodyToSkip;
    private Rejected rejected;

    /** Appends bytes received from the connection. */
    public void feed(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        if (end + length > buffer.length) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            if (end + length > buffer.length) buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, end + length));
        }
        System.arraycopy(bytes, offset, buffer, end, length);
        end += length;
    }

    /** Bytes received and not yet part of a returned request. */
    public int buffered() { return end - start; }

    /** Whether the parser is in the middle of a request (a partial head or a body still to skip). */
    public boolean midRequest() { return bodyToSkip > 0 || end > start; }

    /** The next complete request, a rejection, or {@link Incomplete} until more bytes come. */
    public Outcome next() {
        if (rejected != null) return rejected;
        skipBody();
        if (bodyToSkip > 0) return INCOMPLETE;
        int headEnd = findHeadEnd();
        if (headEnd < 0) {
            return end - start > MAX_HEAD ? reject(HttpStatus.HEADER_FIELDS_TOO_LARGE, "the request head is over " + MAX_HEAD + " bytes") : INCOMPLETE;
        }
        if (headEnd - start > MAX_HEAD) return reject(HttpStatus.HEADER_FIELDS_TOO_LARGE, "the request head is over " + MAX_HEAD + " bytes");
        var head = new String(buffer, start, headEnd - start, StandardCharsets.ISO_8859_1);
        start = headEnd;
        scanned = 0;
        lineStart = 0;
        var outcome = parseHead(head);
        if (outcome instanceof Rejected r) rejected = r;
        return outcome;
    }

    private void skipBody() {
        int skip = (int) Math.min(bodyToSkip, end - start);
        start += skip;
        bodyToSkip -= skip;
    }

    /**
     * Where the head ends (just past its empty line), or -1 if it has not arrived. The search goes
     * on from where the last one stopped, so a head fed a byte at a time costs linear time.
     */
    private int findHeadEnd() {
        for (int i = start + scanned; i < end; i++) {
            if (buffer[i] != '\n') continue;
            int length = i - (start + lineStart);
            boolean empty = length == 0 || (length == 1 && buffer[i - 1] == '\r');
            if (empty && lineStart == 0) {
                // An empty line before the request line: RFC 9112 section 2.2 says ignore it.
                start = i + 1;
                i = start - 1;
                scanned = 0;
                continue;
            }
            if (empty) {
                scanned = 0;
                lineStart = 0;
                return i + 1;
            }
            lineStart = i + 1 - start;
        }
        scanned = end - start;
        return -1;
    }

    private Rejected reject(HttpStatus status, String reason) {
        rejected = new Rejected(status, reason);
        return rejected;
    }

    private Outcome parseHead(String head) {
        var lines = head.split("\n", -1);
        // The head ends with its empty line, so the split's last two items are "" or "\r" and "".
        int count = lines.length - 2;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
            if (line.indexOf('\r') >= 0) return new Rejected(HttpStatus.BAD_REQUEST, "a bare CR inside line " + (i + 1));
            lines[i] = line;
        }
        var parts = lines[0].split(" ", -1);
        if (parts.length != 3) return new Rejected(HttpStatus.BAD_REQUEST, "the request line is not METHOD SP TARGET SP VERSION");
        String method = parts[0];
        String target = parts[1];
        String version = parts[2];
        if (!isToken(method)) return new Rejected(HttpStatus.BAD_REQUEST, "the method is not a token");
        if (target.isEmpty() || !isVisibleAscii(target)) return new Rejected(HttpStatus.BAD_REQUEST, "the request target is empty or has characters outside visible ASCII");
        if (!version.matches("HTTP/[0-9]\\.[0-9]")) return new Rejected(HttpStatus.BAD_REQUEST, "the version is not HTTP/DIGIT.DIGIT");
        int major = version.charAt(5) - '0';
        int minor = version.charAt(7) - '0';

        var headers = new LinkedHashMap<String, String>();
        int hosts = 0;
        for (int i = 1; i < count; i++) {
            String line = lines[i];
            if (line.startsWith(" ") || line.startsWith("\t")) {
                return new Rejected(HttpStatus.BAD_REQUEST, "line " + (i + 1) + " folds a header field (obsolete, RFC 9112 section 5.2)");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line.substring(0, colon))) {
                return new Rejected(HttpStatus.BAD_REQUEST, "line " + (i + 1) + " is not a header field NAME: VALUE");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (!isFieldValue(value)) return new Rejected(HttpStatus.BAD_REQUEST, "header field " + name + " has a control character");
            if (name.equals("host")) hosts++;
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        if (major == 1 && minor >= 1 && hosts != 1) {
            return new Rejected(HttpStatus.BAD_REQUEST, hosts == 0 ? "an HTTP/1.1 request without Host" : "more than one Host field");
        }
        if (headers.containsKey("transfer-encoding")) {
            return new Rejected(HttpStatus.NOT_IMPLEMENTED, "request bodies with a transfer coding are not supported");
        }
        String length = headers.get("content-length");
        if (length != null) {
            long n = contentLength(length);
            if (n < 0) return new Rejected(HttpStatus.BAD_REQUEST, "Content-Length is not one decimal number");
            bodyToSkip = n;
        }
        return new Parsed(new Request(method, target, major, minor, headers));
    }

    /** A Content-Length value (repeats allowed only if equal, RFC 9112 section 6.3), or -1. */
    private static long contentLength(String value) {
        long length = -1;
        for (String item : value.split(",", -1)) {
            String digits = item.strip();
            if (digits.isEmpty() || digits.length() > MAX_LENGTH_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) return -1;
            long n = Long.parseLong(digits);
            if (length >= 0 && n != length) return -1;
            length = n;
        }
        return length;
    }

    /** RFC 9110 token: visible ASCII except delimiters. */
    static boolean isToken(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }

    private static boolean isVisibleAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f) return false;
        }
        return true;
    }

    /** Field content: visible characters, spaces and tabs, and obs-text (bytes 0x80..0xFF). */
    private static boolean isFieldValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f) return false;
        }
        return true;
    }
}
