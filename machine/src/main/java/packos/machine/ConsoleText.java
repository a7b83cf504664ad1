package packos.machine;

/**
 * What of a line may reach a terminal raw. Anything that could end the line, move the cursor,
 * talk to the terminal or make the line read differently from its characters is shown escaped
 * instead, so a line always starts with the prefix the console gave it and says what it holds:
 * <ul>
 *   <li>C0 controls, DEL and C1 controls (line feed, carriage return, form feed, vertical tab,
 *       NEL U+0085 and the ESC that starts every ANSI sequence among them): {@code \n}, {@code \r},
 *       {@code \t}, else {@code \xHH};</li>
 *   <li>format characters (Unicode category Cf: the bidi embeddings, overrides and isolates
 *       U+202A-202E and U+2066-2069, the marks U+200E, U+200F and U+061C, zero-width joiners, the
 *       byte-order mark, tags), the line and paragraph separators U+2028 and U+2029, code points
 *       this JDK's Unicode does not assign, and lone surrogates (invalid UTF-16): <code>&#92;uHHHH</code>,
 *       or <code>&#92;u{HHHHH}</code> above the BMP.</li>
 * </ul>
 * A backslash stays as it is: the escapes are for reading, not a reversible encoding.
 */
public final class ConsoleText {
    private static final String HEX = "0123456789abcdef";

    private ConsoleText() {}

    /** {@code text} with every character that may not reach a terminal raw escaped; the same string when none is there. */
    public static String escape(String text) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            // The common case, printable ASCII, decides without a code point lookup.
            if (c >= 0x20 && c < 0x7f) {
                i++;
                continue;
            }
            int cp = text.codePointAt(i);
            if (mustEscape(cp)) break;
            i += Character.charCount(cp);
        }
        if (i == n) return text;
        var out = new StringBuilder(n + 16).append(text, 0, i);
        while (i < n) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
                i++;
                continue;
            }
            int cp = text.codePointAt(i);
            if (mustEscape(cp)) appendEscaped(out, cp);
            else out.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Whether {@code cp} (a lone surrogate when codePointAt could not pair it) must be escaped. */
    private static boolean mustEscape(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    private static void appendEscaped(StringBuilder out, int cp) {
        switch (cp) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (Character.getType(cp) == Character.CONTROL) {
                    out.append("\\x").append(HEX.charAt(cp >> 4)).append(HEX.charAt(cp & 0xf));
                } else if (cp <= 0xffff) {
                    out.append("\\u");
                    for (int shift = 12; shift >= 0; shift -= 4) out.append(HEX.charAt((cp >> shift) & 0xf));
                } else {
                    out.append("\\u{").append(Integer.toHexString(cp)).append('}');
                }
            }
        }
    }

    /** Bytes {@code s} takes in UTF-8; an escaped string has no lone surrogate, so every pair is four bytes. */
    public static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) bytes += 1;
            else if (c < 0x800) bytes += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else bytes += 3;
        }
        return bytes;
    }
}
