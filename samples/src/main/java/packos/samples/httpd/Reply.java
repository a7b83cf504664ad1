package packos.samples.httpd;

import java.util.Locale;
import java.util.Map;

/**
 * One answer as the checking client received it.
 *
 * @param headers field names in lower case
 */
public record Reply(String version, int status, String reason, Map<String, String> headers, byte[] body) {
    public Reply {
        headers = Map.copyOf(headers);
    }

    public String header(String name) { return headers.get(name.toLowerCase(Locale.ROOT)); }

    /** Whether the server said it closes the connection after this answer. */
    public boolean closes() {
        String c = header("connection");
        return c != null && c.toLowerCase(Locale.ROOT).contains("close");
    }

    @Override
    public String toString() { return version + " " + status + " " + reason + " (" + body.length + " bytes of body)"; }
}
