package packos.host.protect;

import java.util.HashSet;
import java.util.Set;

/**
 * Which class names a program can never bring along. Shared classes (the JDK, the kernel, the
 * library, the machine) are loaded once, by the host, for every process; host classes (the
 * {@code packos} command and its libraries) are for no process at all. The loader of each process
 * and the verifier ask this one class, so that what the verifier checks and what the loader
 * defines cannot drift apart.
 */
public final class ReservedNames {
    /** Packages every process shares: the JDK's, the kernel's, the library's and the machine's. */
    private static final String[] SHARED = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "packos.kernel.", "packos.lib.", "packos.machine."};
    /** The host's own code and libraries. */
    private static final String[] HOST = {"packos.host.", "picocli."};
    /** PackOS's own programs (system, samples) live here, on the host's class path: a program from outside may not claim them. */
    private static final String PACKOS = "packos.";

    private ReservedNames() {}

    /** Whether {@code name} (binary, dotted) is a shared class: one no program brings along. */
    public static boolean isShared(String name) {
        for (String prefix : SHARED) if (name.startsWith(prefix)) return true;
        int dot = name.lastIndexOf('.');
        return dot > 0 && JdkPackages.SET.contains(name.substring(0, dot));
    }

    /** Whether {@code name} is the host's: no program may name it, let alone bring it. */
    public static boolean isHost(String name) {
        for (String prefix : HOST) if (name.startsWith(prefix)) return true;
        return false;
    }

    /** Whether a program from outside PackOS's tree may not hold a class of this name. */
    public static boolean isReservedForPackos(String name) {
        return name.startsWith(PACKOS) || isShared(name) || isHost(name);
    }

    /** The package of a binary name, for messages. */
    public static String packageOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "(unnamed)" : name.substring(0, dot);
    }

    /** Packages of the JDK's own modules, such as {@code org.w3c.dom}: classes there are shared, never a program's. */
    private static final class JdkPackages {
        static final Set<String> SET = compute();

        private static Set<String> compute() {
            var all = new HashSet<String>();
            for (var module : ModuleLayer.boot().modules()) {
                String n = module.getName();
                if (n.startsWith("java.") || n.startsWith("jdk.")) all.addAll(module.getPackages());
            }
            return Set.copyOf(all);
        }
    }
}
