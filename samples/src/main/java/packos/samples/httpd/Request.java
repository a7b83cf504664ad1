package packos.samples.httpd;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request's head as it arrived: method, request target (undecoded), version and header fields.
 *
 * @param headers field names in lower case; a field sent more than once has its values joined
 *                with ", " in arrival order, which is how RFC 9110 lets a list field be combined
 */
public record Request(String method, String target, int major, int minor, Map<String, String> headers) {
    public Request {
        headers = Map.copyOf(headers);
    }

    /** The value of a header field, or null; {@code name} in any case. */
    public String header(String name) { return headers.get(name.toLowerCase(Locale.ROOT)); }

    public String version() { return "HTTP/" + major + "." + minor; }

    /**
     * Whether the client wants the connection kept after this exchange: HTTP/1.1 does unless it
     * says {@code Connection: close}; HTTP/1.0 does only if it says {@code Connection: keep-alive}.
     */
    public boolean keepAlive() {
        var options = connectionOptions();
        if (options.contains("close")) return false;
        if (major == 1 && minor >= 1) return true;
        return options.contains("keep-alive");
    }

    /** The Connection field's options, lower case. */
    private List<String> connectionOptions() {
        String value = header("connection");
        if (value == null) return List.of();
        return java.util.Arrays.stream(value.split(","))
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
