package packos.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Formattable;
import java.util.FormattableFlags;
import java.util.Formatter;
import java.util.Locale;

/**
 * What a format gets in place of an argument whose text or hash would come from the JVM run: its
 * text and hash as its process answers them, written for {@code %s} and {@code %S} with the width,
 * precision and justification a plain argument gets, and {@code %h} from {@link #hashCode}.
 */
final class Shown implements Formattable {
    private final String text;
    private final int hash;

    Shown(String text, int hash) {
        this.text = text;
        this.hash = hash;
    }

    @Override
    public void formatTo(Formatter formatter, int flags, int width, int precision) {
        String s = precision >= 0 && precision < text.length() ? text.substring(0, precision) : text;
        if ((flags & FormattableFlags.UPPERCASE) != 0) s = s.toUpperCase(formatter.locale() == null ? Locale.ROOT : formatter.locale());
        if (width > s.length()) {
            String pad = " ".repeat(width - s.length());
            s = (flags & FormattableFlags.LEFT_JUSTIFY) != 0 ? s + pad : pad + s;
        }
        try {
            formatter.out().append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int hashCode() { return hash; }

    @Override
    public boolean equals(Object o) { return o == this; }

    @Override
    public String toString() { return text; }
}
