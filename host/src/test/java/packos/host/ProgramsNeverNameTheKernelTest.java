package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import packos.kernel.Kernel;
import packos.lib.Process;
import packos.samples.tcp.GreetingServer;
import packos.system.BasicScheduler;

/**
 * The verifier refuses programs that name {@code packos.kernel.Kernel} (see AllowList): it is the
 * host's handle on the machine. The shipped programs are loaded unverified from the class path,
 * so nothing else stops lib, system or samples from naming it; a constant such as a capability
 * name compiles to a copy, but javac still records the class it came from. Checked over the built
 * classes with the JDK ClassFile API.
 */
class ProgramsNeverNameTheKernelTest {
    /** One class of each module whose classes are programs or what programs use. */
    private static final List<Class<?>> PROGRAM_MODULES = List.of(Process.class, BasicScheduler.class, GreetingServer.class);
    private static final String KERNEL = Kernel.class.getName().replace('.', '/');

    @Test
    void noClassInLibSystemOrSamplesNamesTheKernel() throws Exception {
        var offenders = new ArrayList<String>();
        var scanned = new TreeMap<String, Integer>();
        for (Class<?> anchor : PROGRAM_MODULES) {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            var classes = classFiles(location);
            scanned.put("the module of " + anchor.getSimpleName(), classes.size());
            for (var bytes : classes) {
                String name = namesTheKernel(bytes);
                if (name != null) offenders.add(name);
            }
        }
        // A wrong location would make the check pass vacuously.
        assertTrue(scanned.values().stream().allMatch(n -> n > 10), () -> "too few classes found in " + scanned);
        assertEquals(List.of(), offenders, () -> "these classes refer to " + KERNEL + ", which the verifier forbids to programs: "
                + "use packos.kernel.Capabilities or SchedulerCalls instead (scanned " + scanned + ")");
    }

    @Test
    void theCheckCatchesAConstantCopiedFromTheKernel() throws Exception {
        String fixture = NamesTheKernel.class.getName().replace('.', '/');
        try (InputStream in = NamesTheKernel.class.getResourceAsStream("/" + fixture + ".class")) {
            assertEquals(fixture, namesTheKernel(in.readAllBytes()));
        }
    }

    /** Like the router once did: a kernel constant, which javac copies, yet it names the class. */
    static final class NamesTheKernel {
        int spares() { return Kernel.SPARE_CARRIERS; }
    }

    /** The class's own name if its constant pool names Kernel (or a class nested in it) as a class or in a descriptor, else null. */
    private static String namesTheKernel(byte[] bytes) {
        var model = ClassFile.of().parse(bytes);
        for (var entry : model.constantPool()) {
            boolean names = switch (entry) {
                case ClassEntry c -> isKernel(c.asInternalName());
                case Utf8Entry u -> u.stringValue().contains("L" + KERNEL + ";") || u.stringValue().contains("L" + KERNEL + "$");
                default -> false;
            };
            if (names) return model.thisClass().asInternalName();
        }
        return null;
    }

    private static boolean isKernel(String internalName) {
        return internalName.equals(KERNEL) || internalName.startsWith(KERNEL + "$");
    }

    private static List<byte[]> classFiles(Path location) throws IOException {
        if (Files.isDirectory(location)) return classFilesUnder(location);
        try (var jar = FileSystems.newFileSystem(location)) {
            return classFilesUnder(jar.getPath("/"));
        }
    }

    private static List<byte[]> classFilesUnder(Path root) throws IOException {
        var found = new ArrayList<byte[]>();
        try (var files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("META-INF")).toList()) {
                found.add(Files.readAllBytes(p));
            }
        }
        return found;
    }
}
