package packos.host.config;

import java.util.ArrayList;
import java.util.Optional;

/**
 * Splits one line into a directive and key=value fields. It knows the quoting rules and nothing
 * about which directives or keys exist; {@link DirectiveLine} checks those.
 */
final class LineLexer {
    private final String source;
    private final int number;
    private final String text;
    private int pos;

    private LineLexer(String source, int number, String text) {
        this.source = source;
        this.number = number;
        this.text = text;
    }

    /** The lexed line, or empty for a blank or comment-only line. */
    static Optional<ConfigLine> lex(String source, int number, String text) throws BootConfigException {
        return new LineLexer(source, number, text).line();
    }

    private Optional<ConfigLine> line() throws BootConfigException {
        skipSpace();
        if (atEndOrComment()) return Optional.empty();
        int start = pos;
        while (!atEndOrComment() && !isSpace(peek())) pos++;
        String directive = text.substring(start, pos);
        if (directive.indexOf('=') >= 0 || directive.indexOf('"') >= 0) {
            throw error("expected a directive (one of: " + Directive.words() + ") before '" + directive + "'");
        }
        var fields = new ArrayList<ConfigLine.Field>();
        while (true) {
            skipSpace();
            if (atEndOrComment()) break;
            fields.add(field(directive));
        }
        return Optional.of(new ConfigLine(number, directive, fields));
    }

    private ConfigLine.Field field(String directive) throws BootConfigException {
        int start = pos;
        while (!atEnd() && peek() != '=' && peek() != '"' && peek() != '#' && !isSpace(peek())) pos++;
        String key = text.substring(start, pos);
        if (atEnd() || peek() != '=') {
            throw error(directive + ": expected KEY=VALUE, found '" + wordFrom(start) + "'");
        }
        if (key.isEmpty()) throw error(directive + ": expected a key before '" + wordFrom(start) + "'");
        pos++;
        if (atEndOrComment() || isSpace(peek())) {
            throw error(directive + ": " + key + "= has no value (expected " + key + "=VALUE, or " + key + "=\"\" for an empty string)");
        }
        if (peek() == '"') {
            String value = quoted();
            if (!atEndOrComment() && !isSpace(peek())) {
                throw error(directive + ": '" + key + "': expected a space after the closing quote, found '" + peek() + "'");
            }
            return new ConfigLine.Field(key, value, true);
        }
        int valueStart = pos;
        while (!atEndOrComment() && !isSpace(peek())) {
            if (peek() == '"') {
                throw error(directive + ": quote inside the bare value '" + wordFrom(start)
                        + "' (expected the whole value in quotes: " + key + "=\"...\")");
            }
            pos++;
        }
        return new ConfigLine.Field(key, text.substring(valueStart, pos), false);
    }

    /** A double-quoted string; the only escapes are \" and \\, so a Windows path needs its backslashes doubled. */
    private String quoted() throws BootConfigException {
        pos++;
        var sb = new StringBuilder();
        while (true) {
            if (atEnd()) throw error("unterminated quoted string");
            char c = text.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (atEnd()) throw error("unterminated quoted string");
            char e = text.charAt(pos++);
            if (e != '"' && e != '\\') throw error("unknown escape '\\" + e + "' in quoted string (expected \\\" or \\\\)");
            sb.append(e);
        }
    }

    private String wordFrom(int start) {
        int end = start;
        while (end < text.length() && !isSpace(text.charAt(end))) end++;
        return text.substring(start, end);
    }

    private void skipSpace() {
        while (!atEnd() && isSpace(peek())) pos++;
    }

    private boolean atEnd() { return pos >= text.length(); }

    private boolean atEndOrComment() { return atEnd() || peek() == '#'; }

    private char peek() { return text.charAt(pos); }

    private static boolean isSpace(char c) { return c == ' ' || c == '\t'; }

    private BootConfigException error(String problem) {
        return new BootConfigException(source, number, problem);
    }
}
