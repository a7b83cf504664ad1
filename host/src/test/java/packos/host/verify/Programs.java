package packos.host.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import packos.host.protect.ClassSource;

/** Class sources for tests: the test class path seen the way the host's program loader sees it. */
final class Programs {
    /** Shared packages, as {@code ProcessClassLoader} has them: their classes never come from a program. */
    private static final String[] SHARED = {"java.", "javax.", "jdk.", "sun.", "packos.kernel.", "packos.lib.", "packos.machine."};

    private Programs() {}

    /** Bytes of a class on the test class path, or null. */
    static byte[] bytes(String name) {
        try (InputStream in = Programs.class.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class path as the program loader offers it to the verifier: shared classes are not the program's. */
    static ClassSource classPath() {
        return name -> {
            for (String prefix : SHARED) if (name.startsWith(prefix)) return null;
            return bytes(name);
        };
    }
}
