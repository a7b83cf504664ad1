package packos.samples.httpd;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

/**
 * A request target made into a path inside the docroot. The query is ignored (there is nothing
 * dynamic to give it to); the path is percent-decoded as UTF-8 and then checked name by name,
 * because the checks must see what the file system will see, not what the client wrote:
 * "%2e%2e" is "..", and an encoded "/" or NUL would let a name hide a separator or end a string.
 * Those are refused with 403, as the client is asking for something outside the docroot.
 */
public final class RequestTarget {
    /** Where a target leads. */
    public sealed interface Resolution permits DocrootPath, Refused {}

    /**
     * A decoded path that stays inside the docroot: '/' first, "." names dropped, no "..".
     * {@code directory} is whether it ended in '/'.
     */
    public record DocrootPath(String path, boolean directory) implements Resolution {}

    public record Refused(HttpStatus status, String reason) implements Resolution {}

    private RequestTarget() {}

    public static Resolution resolve(String target) {
        String path = target;
        int query = path.indexOf('?');
        if (query >= 0) path = path.substring(0, query);
        // Absolute form (RFC 9112 section 3.2.2), which a server must accept though only proxies send it.
        if (startsWithIgnoreCase(path, "http://") || startsWithIgnoreCase(path, "https://")) {
            int slash = path.indexOf('/', path.indexOf("//") + 2);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int fragment = path.indexOf('#');
        if (fragment >= 0) return new Refused(HttpStatus.BAD_REQUEST, "a fragment in the request target");
        if (!path.startsWith("/")) return new Refused(HttpStatus.BAD_REQUEST, "the path does not start with '/'");

        var names = new ArrayList<String>();
        boolean directory = path.endsWith("/");
        for (String raw : path.substring(1).split("/", -1)) {
            if (raw.isEmpty()) continue;
            String name = decode(raw);
            if (name == null) return new Refused(HttpStatus.BAD_REQUEST, "bad percent-encoding or UTF-8 in the path");
            if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) return new Refused(HttpStatus.FORBIDDEN, "an encoded path separator");
            if (name.indexOf('\0') >= 0) return new Refused(HttpStatus.FORBIDDEN, "a NUL in the path");
            if (name.equals("..")) return new Refused(HttpStatus.FORBIDDEN, "a '..' name would leave the docroot");
            if (name.equals(".")) continue;
            names.add(name);
        }
        if (names.isEmpty()) return new DocrootPath("/", true);
        return new DocrootPath("/" + String.join("/", names), directory);
    }

    /** The percent-decoded name as UTF-8, or null when an escape or the UTF-8 is malformed. */
    static String decode(String name) {
        if (name.indexOf('%') < 0) return name;
        var bytes = new ByteArrayOutputStream(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x80) return null;
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            if (i + 2 >= name.length()) return null;
            int high = Character.digit(name.charAt(i + 1), 16);
            int low = Character.digit(name.charAt(i + 2), 16);
            if (high < 0 || low < 0) return null;
            bytes.write(high << 4 | low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * A decoded path percent-encoded for a Location field: only unreserved characters and '/'
     * stay as they are, so the result is safe in a header and in HTML.
     */
    public static String encode(String path) {
        var out = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) { return s.regionMatches(true, 0, prefix, 0, prefix.length()); }
}
