package packos.samples.httpd;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Decides the answer to each request: the version, the method, then the path, then the docroot.
 * It reads no file: a file's body is read while it is sent. A connection stays open after an
 * answer when the client wants it and the request was framed well enough that the next one
 * can be found (a 400 or 505 closes it).
 */
public final class Responder {
    public static final String ALLOWED = "GET, HEAD";
    /** Methods of RFC 9110 and RFC 5789 this server knows but does not allow: 405, not 501. */
    private static final Set<String> KNOWN = Set.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

    private final Docroot docroot;

    public Responder(Docroot docroot) { this.docroot = docroot; }

    public Response answer(Request request) {
        boolean keep = request.keepAlive();
        if (request.major() != 1) {
            return error(HttpStatus.VERSION_NOT_SUPPORTED, "This server speaks HTTP/1.0 and HTTP/1.1.", true);
        }
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            if (KNOWN.contains(request.method())) {
                var r = error(HttpStatus.METHOD_NOT_ALLOWED, "This server only reads: GET and HEAD.", !keep);
                return new Response(r.status(), r.contentType(), r.contentLength(), r.body(), List.of(new Response.Field("Allow", ALLOWED)), r.close());
            }
            return error(HttpStatus.NOT_IMPLEMENTED, "This server does not know that method.", !keep);
        }
        var answer = switch (RequestTarget.resolve(request.target())) {
            case RequestTarget.Refused(var status, var reason) -> error(status, explain(status), !keep || status == HttpStatus.BAD_REQUEST);
            case RequestTarget.DocrootPath path -> switch (docroot.lookup(path)) {
                case Docroot.File(var file, var size) -> new Response(HttpStatus.OK, MimeTypes.of(file), size, new Response.FileBody(file), List.of(), !keep);
                case Docroot.Redirect(var location) -> {
                    String encoded = RequestTarget.encode(location);
                    var r = error(HttpStatus.MOVED_PERMANENTLY, "The page is at <a href=\"" + encoded + "\">" + encoded + "</a>.", !keep);
                    yield new Response(r.status(), r.contentType(), r.contentLength(), r.body(),
                            List.of(new Response.Field("Location", encoded)), r.close());
                }
                case Docroot.Missing m -> error(HttpStatus.NOT_FOUND, explain(HttpStatus.NOT_FOUND), !keep);
            };
        };
        return head ? answer.withoutBody() : answer;
    }

    /** The answer to a request the parser could not read; the connection closes after it. */
    public static Response reject(RequestParser.Rejected rejected) {
        return error(rejected.status(), explain(rejected.status()), true);
    }

    /** A short HTML page saying what went wrong; it never repeats what the client sent, so nothing can be injected. */
    static Response error(HttpStatus status, String explanation, boolean close) {
        String page = "<!DOCTYPE html>\n<html><head><title>" + status + "</title></head>\n<body><h1>" + status + "</h1>\n<p>"
                + explanation + "</p>\n<hr><address>" + Response.SERVER + "</address></body></html>\n";
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        return new Response(status, "text/html", body.length, new Response.Bytes(body), List.of(), close);
    }

    private static String explain(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request could not be read.";
            case FORBIDDEN -> "The path leads outside the documents this server publishes.";
            case NOT_FOUND -> "There is no such page here.";
            case HEADER_FIELDS_TOO_LARGE -> "The request head is over " + RequestParser.MAX_HEAD + " bytes.";
            case NOT_IMPLEMENTED -> "The request uses something this server does not implement.";
            default -> status.reason() + ".";
        };
    }
}
