package packos.host.config;

import java.util.List;

/** One non-blank line of a boot config after lexing: the directive word and its key=value fields in order. */
record ConfigLine(int number, String directive, List<Field> fields) {
    ConfigLine {
        fields = List.copyOf(fields);
    }

    /** A key and its unquoted value; {@code quoted} is kept only so messages can show what was written. */
    record Field(String key, String value, boolean quoted) {
        /** The field as the user would write it again, for error messages. */
        String written() {
            if (!quoted) return key + "=" + value;
            return key + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }
}
