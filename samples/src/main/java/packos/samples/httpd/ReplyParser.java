package packos.samples.httpd;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;

/**
 * The checking client's side of the protocol: answers out of a byte stream, one per request in
 * order. It is strict where the server promises something: every line ends in CRLF, every answer
 * has exactly one Content-Length, and a HEAD answer has no body (the next answer starts right
 * after its head). A breach is a {@link ProtocolViolation}, not a guess.
 */
public final class ReplyParser {
    /** The server broke HTTP/1.1 framing or its own promises. */
    public static final class ProtocolViolation extends RuntimeException {
        public ProtocolViolation(String message) { super(message); }
    }

    private static final int MAX_HEAD = 16 * 1024;
    /** Nothing in the docroot comes near this: a larger length is a broken answer, not a page. */
    private static final long MAX_BODY = 64L << 20;

    private byte[] buffer = new byte[4096];
    private int start;
    private int end;
    /** The head of the answer whose body is being collected, or null. */
    private Reply head;
    private byte[] body;
    private int bodyFilled;

    public void feed(byte[] bytes, int offset, int length) {
        if (end + length > buffer.length) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            if (end + length > buffer.length) buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, end + length));
        }
        System.arraycopy(bytes, offset, buffer, end, length);
        end += length;
    }

    /** Whether bytes have arrived that belong to no complete answer yet. */
    public boolean midReply() { return head != null || end > start; }

    /**
     * The next complete answer, or null until more bytes come.
     *
     * @param toHead whether it answers a HEAD request, so it has no body whatever its length says
     */
    public Reply next(boolean toHead) {
        if (head == null) {
            int headEnd = indexOfEmptyLine();
            // The same limit whether the head is still coming or came whole in one read: what the
            // checker says of an answer must not depend on how TCP cut it.
            if ((headEnd < 0 ? end : headEnd) - start > MAX_HEAD) throw new ProtocolViolation("an answer head over " + MAX_HEAD + " bytes");
            if (headEnd < 0) return null;
            head = parseHead(new String(buffer, start, headEnd - 4 - start, StandardCharsets.ISO_8859_1));
            start = headEnd;
            long length = Long.parseLong(head.header("content-length"));
            if (length > MAX_BODY) throw new ProtocolViolation("Content-Length " + length + " is beyond any page here");
            body = new byte[toHead ? 0 : (int) length];
            bodyFilled = 0;
        }
        int n = Math.min(body.length - bodyFilled, end - start);
        System.arraycopy(buffer, start, body, bodyFilled, n);
        start += n;
        bodyFilled += n;
        if (bodyFilled < body.length) return null;
        var reply = new Reply(head.version(), head.status(), head.reason(), head.headers(), body);
        head = null;
        body = null;
        return reply;
    }

    /** Just past the CRLF CRLF that ends the head, or -1. */
    private int indexOfEmptyLine() {
        for (int i = start; i + 3 < end; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') return i + 4;
        }
        return -1;
    }

    private static Reply parseHead(String text) {
        var lines = text.split("\r\n", -1);
        for (var line : lines) {
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) throw new ProtocolViolation("a line not ended by CRLF: " + line.strip());
        }
        var status = lines[0].split(" ", 3);
        if (status.length < 3 || !status[0].matches("HTTP/1\\.[01]") || !status[1].matches("[1-5][0-9][0-9]")) {
            throw new ProtocolViolation("not a status line: " + lines[0]);
        }
        var headers = new HashMap<String, String>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) throw new ProtocolViolation("not a header field: " + lines[i]);
            String name = lines[i].substring(0, colon).toLowerCase(Locale.ROOT);
            if (headers.put(name, lines[i].substring(colon + 1).strip()) != null) throw new ProtocolViolation("header field " + name + " twice");
        }
        String length = headers.get("content-length");
        if (length == null || !length.matches("[0-9]{1,18}")) throw new ProtocolViolation("no Content-Length, or not a number: " + lines[0]);
        return new Reply(status[0], Integer.parseInt(status[1]), status[2], headers, new byte[0]);
    }
}
