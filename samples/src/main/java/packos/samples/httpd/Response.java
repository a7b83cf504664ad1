package packos.samples.httpd;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One answer: status, fields and body, and whether the connection closes after it. Every answer
 * carries Content-Length (a HEAD answer the length GET would get, and no body), so a client can
 * tell where it ends and the connection can carry the next one.
 *
 * @param fields extra header fields (Allow, Location), in order
 */
public record Response(HttpStatus status, String contentType, long contentLength, Body body, List<Field> fields, boolean close) {
    public static final String SERVER = "sample-httpd/1.0 (PackOS)";

    /** One header field. */
    public record Field(String name, String value) {}

    /** What follows the head. */
    public sealed interface Body permits NoBody, Bytes, FileBody {}

    /** Nothing: a HEAD answer. */
    public record NoBody() implements Body {}

    /** A small body made by the server (an error page). */
    public record Bytes(byte[] data) implements Body {}

    /** A file's contents, read from the docroot while it is sent. */
    public record FileBody(String path) implements Body {}

    public Response {
        fields = List.copyOf(fields);
    }

    /** The same answer with no body, for HEAD: the head still says how long the body would be. */
    public Response withoutBody() { return new Response(status, contentType, contentLength, new NoBody(), fields, close); }

    /**
     * The status line and header fields, CRLF-terminated as RFC 9112 requires (the original
     * ended them with LF alone). {@code http10KeepAlive}: an HTTP/1.0 client asked to keep the
     * connection, and must be told it was kept, since for 1.0 closing is the default.
     */
    public byte[] head(boolean http10KeepAlive) {
        var out = new StringBuilder(160);
        out.append("HTTP/1.1 ").append(status.code()).append(' ').append(status.reason()).append("\r\n");
        out.append("Server: ").append(SERVER).append("\r\n");
        if (contentType != null) out.append("Content-Type: ").append(contentType).append("\r\n");
        out.append("Content-Length: ").append(contentLength).append("\r\n");
        for (var f : fields) out.append(f.name()).append(": ").append(f.value()).append("\r\n");
        if (close) {
            out.append("Connection: close\r\n");
        } else if (http10KeepAlive) {
            out.append("Connection: keep-alive\r\n");
        }
        out.append("\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
