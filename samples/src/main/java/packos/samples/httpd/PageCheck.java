package packos.samples.httpd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a correct answer to GET of one docroot file looks like, and the differences of an actual
 * answer from it. The expected types are written out here rather than taken from the server's
 * table, so the check does not agree with the server by construction; a file of a type not
 * listed is itself a failure, to be settled by adding its type here.
 */
public final class PageCheck {
    private static final Map<String, String> EXPECTED_TYPES = Map.of(
            "html", "text/html", "txt", "text/plain", "css", "text/css", "svg", "image/svg+xml", "png", "image/png");

    private PageCheck() {}

    /** The type a file of this name must be served as, or null if this check does not know it. */
    static String expectedType(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? null : EXPECTED_TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Every way {@code reply} differs from a 200 carrying exactly {@code contents}; empty when it is right. */
    static List<String> differences(String url, String file, byte[] contents, Reply reply) {
        var out = new ArrayList<String>();
        if (reply.status() != 200) out.add(url + ": status " + reply.status() + " " + reply.reason() + ", expected 200");
        if (!Response.SERVER.equals(reply.header("server"))) out.add(url + ": Server is " + reply.header("server"));
        long length = Long.parseLong(reply.header("content-length"));
        if (length != contents.length) out.add(url + ": Content-Length " + length + ", the file has " + contents.length + " bytes");
        String type = expectedType(file);
        if (type == null) {
            out.add(url + ": this check has no expected type for " + file);
        } else if (!type.equals(reply.header("content-type"))) {
            out.add(url + ": Content-Type " + reply.header("content-type") + ", expected " + type);
        }
        if (!Arrays.equals(contents, reply.body())) {
            int at = Arrays.mismatch(contents, reply.body());
            out.add(url + ": body differs from " + file + " at byte " + at + " (" + reply.body().length + " bytes received)");
        }
        return out;
    }
}
