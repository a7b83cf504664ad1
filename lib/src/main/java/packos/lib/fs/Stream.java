package packos.lib.fs;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The original's streams: somewhere bytes are written, with formatted output on top
 * ({@code UtilPrintfStream}). Text is UTF-8; formatting is Java's {@link java.util.Formatter} in
 * the root locale, so the same call gives the same bytes on every machine.
 */
public interface Stream extends AutoCloseable {
    /** Writes all {@code length} bytes, or refuses (BUFFER_FULL for a full string stream) having written none. */
    void write(byte[] bytes, int offset, int length);

    default void write(byte[] bytes) { write(bytes, 0, bytes.length); }

    /** Writes {@code text} in UTF-8. */
    default void write(String text) { write(text.getBytes(StandardCharsets.UTF_8)); }

    /** Writes {@code String.format(format, args)} in the root locale; returns the bytes written. */
    default int printf(String format, Object... args) {
        byte[] bytes = String.format(Locale.ROOT, format, args).getBytes(StandardCharsets.UTF_8);
        write(bytes);
        return bytes.length;
    }

    @Override
    void close();
}
