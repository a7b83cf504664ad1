package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import packos.kernel.Packet;
import packos.lib.Process;
import packos.machine.Machine;

/**
 * docs/ARCHITECTURE.md section 5: every process shares the kernel, library and machine classes, so they must
 * hold no mutable static state, or one process could reach another through it. Checked over the
 * built classes (a jar, or a classes directory in a reactor build) with the JDK ClassFile API.
 */
class SharedModulesHoldNoMutableStaticsTest {
    /** One class of each module whose classes every process shares. */
    private static final List<Class<?>> SHARED_MODULES = List.of(Machine.class, Packet.class, Process.class);

    @Test
    void sharedModulesDeclareOnlyFinalStaticsOfImmutableKinds() throws Exception {
        var audit = new StaticStateAudit(getClass().getClassLoader());
        var offenders = new ArrayList<String>();
        var scanned = new TreeMap<String, Integer>();
        for (Class<?> anchor : SHARED_MODULES) {
            Path location = location(anchor);
            var classes = classFiles(location);
            scanned.put(location.getFileName().toString() + " (" + anchor.getPackageName() + ")", classes.size());
            for (var entry : classes.entrySet()) {
                assertTrue(packos.host.protect.ReservedNames.isShared(entry.getKey()),
                        () -> entry.getKey() + " is in a shared module but each process would load its own copy");
                offenders.addAll(audit.offenders(entry.getValue()));
            }
        }
        // A wrong location would make the check pass vacuously.
        assertTrue(scanned.values().stream().allMatch(n -> n > 0), () -> "no classes found in " + scanned);
        assertTrue(scanned.values().stream().mapToInt(Integer::intValue).sum() >= 20, () -> "too few classes scanned: " + scanned);
        assertEquals(List.of(), offenders, () -> offenders.size() + " static field(s) in shared modules could carry state between processes:\n  "
                + String.join("\n  ", offenders) + "\n(scanned " + scanned + ")");
    }

    private static Path location(Class<?> anchor) throws URISyntaxException {
        return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Class name to class file bytes, from a classes directory or a jar. */
    private static Map<String, byte[]> classFiles(Path location) throws IOException {
        if (Files.isDirectory(location)) return classFilesUnder(location);
        try (var jar = FileSystems.newFileSystem(location)) {
            return classFilesUnder(jar.getPath("/"));
        }
    }

    private static Map<String, byte[]> classFilesUnder(Path root) throws IOException {
        var found = new HashMap<String, byte[]>();
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(f -> StaticStateAudit.isClassFile(f.toString())).toList()) {
                String relative = root.relativize(p).toString().replace(root.getFileSystem().getSeparator(), "/");
                if (relative.startsWith("META-INF/")) continue;  // multi-release versions, if any
                found.put(relative.substring(0, relative.length() - ".class".length()).replace('/', '.'), Files.readAllBytes(p));
            }
        }
        return found;
    }

    // ---- the audit itself: it must catch what it exists to catch ------------------------------

    private static Set<String> offendingFields(Class<?> fixture) throws IOException {
        var audit = new StaticStateAudit(SharedModulesHoldNoMutableStaticsTest.class.getClassLoader());
        try (InputStream in = fixture.getResourceAsStream("/" + fixture.getName().replace('.', '/') + ".class")) {
            return audit.offenders(in.readAllBytes()).stream()
                    .map(o -> o.substring(fixture.getName().length() + 1, o.indexOf(':')))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void auditFlagsEveryKindOfMutableStatic() throws Exception {
        assertEquals(new TreeSet<>(List.of("COUNTER", "TABLE", "NAMES", "CACHE", "BUFFER", "HOLDER", "BOX", "ARRAYS",
                        "LEAKY", "MOOD", "GENERIC", "SHAPE")),
                offendingFields(Mutable.class));
    }

    @Test
    void auditPassesFinalStaticsOfImmutableKinds() throws Exception {
        assertEquals(Set.of(), offendingFields(Immutable.class));
        assertEquals(Set.of(), offendingFields(Level.class), "an enum's constants and its $VALUES array are fine");
        assertEquals(Set.of("CALM"), offendingFields(Mood.class), "an enum constant with a mutable field is shared state");
    }

    enum Level {
        LOW, HIGH;
        @SuppressWarnings("unused") private final String label = name().toLowerCase();
    }

    enum Mood {
        CALM;
        @SuppressWarnings("unused") private int changes;  // an enum constant with state is shared state too
    }

    record Point(int x, int y) {}

    record Box(int[] cells) {}

    record Leaky(List<String> names) {}

    record Named(List<String> names) {
        Named {
            names = List.copyOf(names);
        }
    }

    record Generic<T>(T value) {}

    /** Not final: a subclass could add state. */
    static class Shape {}

    static final class Holder {
        @SuppressWarnings("unused") int count;
    }

    @SuppressWarnings("unused")
    static final class Mutable {
        static int COUNTER;
        static final int[] TABLE = {1, 2};
        static final List<String> NAMES = new ArrayList<>();
        static final Map<String, Integer> CACHE = new HashMap<>();
        static final StringBuilder BUFFER = new StringBuilder();
        static final Holder HOLDER = new Holder();
        static final Box BOX = new Box(new int[1]);
        static final List<int[]> ARRAYS = List.of(new int[1]);
        static final Leaky LEAKY = new Leaky(List.of());
        static final Mood MOOD = Mood.CALM;
        static final Generic<String> GENERIC = new Generic<>("x");
        static final Shape SHAPE = new Shape();
    }

    @SuppressWarnings("unused")
    static final class Immutable {
        static final int N = 1;
        static final String S = "s";
        static final Long BOXED = 7L;
        static final Thread.State STATE = Thread.State.NEW;
        static final Point ORIGIN = new Point(0, 0);
        static final Named NAMED = new Named(new ArrayList<>(List.of("a")));
        static final List<String> NAMES = List.of("a", "b");
        static final Set<Integer> NUMBERS = Set.copyOf(List.of(1, 2));
        static final Map<String, Point> POINTS = Map.of("origin", new Point(0, 0));
        static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
        static final List<String> VIA_LOCAL;
        static {
            var names = List.of("c");
            VIA_LOCAL = names;
        }
    }
}
