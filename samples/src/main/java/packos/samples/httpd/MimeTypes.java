package packos.samples.httpd;

import java.util.Locale;
import java.util.Map;

/**
 * Content-Type by file extension: the original's table (txt, html, htm, xhtml, css, js, svg, gif,
 * png, jpg, jpeg) brought up to date (JavaScript is text/javascript since RFC 9239) plus the types
 * a site of today needs. Extensions match in any case; anything else is opaque bytes.
 */
public final class MimeTypes {
    public static final String DEFAULT = "application/octet-stream";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("xhtml", "application/xhtml+xml"),
            Map.entry("txt", "text/plain"),
            Map.entry("css", "text/css"),
            Map.entry("js", "text/javascript"),
            Map.entry("mjs", "text/javascript"),
            Map.entry("json", "application/json"),
            Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("webp", "image/webp"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("wasm", "application/wasm"));

    private MimeTypes() {}

    /** The type of the file {@code path} names, from the extension of its last name. */
    public static String of(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        // A dot that starts the name (".profile") or belongs to a directory is no extension.
        if (dot <= slash + 1) return DEFAULT;
        return BY_EXTENSION.getOrDefault(path.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
    }
}
