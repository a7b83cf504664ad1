package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import outside.Greeter;
import outside.evil.EvilCharsets;
import outside.evil.EvilZones;
import outside.evil.ProviderProbe;
import packos.host.config.BootConfigParser;
import packos.host.protect.ClassTransformer;
import packos.host.protect.verify.ClassFiles;
import packos.kernel.ContextLimits;
import packos.kernel.KernelConfig;
import packos.kernel.Signals;

/**
 * Programs from outside PackOS's tree come with {@code --programs}. Their jars never reach the
 * JVM's class path, so no JDK path that finds code by class loader (service providers above all)
 * can run their code as the host's; every class they hold is verified before anything boots; they
 * may not bring classes into PackOS's own packages; and a process's loader defines only classes
 * the verifier checked.
 */
@Timeout(120)
class ProgramsFromOutsideTheTreeTest {
    private static final String MARKER = "packos.test.outside.marker";

    @TempDir
    Path dir;

    @AfterEach
    void forgetMarker() { System.clearProperty(MARKER); }

    @Test
    void anOutsideProgramRunsFromItsJarAlone() throws Exception {
        Path jar = jar("greeter.jar", Map.of(), Greeter.class, classNamed("outside.Greeting"));
        var config = PackosCommand.config(dir, "greet.boot", "machine cpus=1 clock=virtual",
                "process name=greeter program=outside.Greeter arg=reader");
        var run = PackosCommand.run("run", config.toString(), "--programs", jar.toString());
        assertEquals(0, run.status(), run::transcript);
        assertTrue(run.out().contains("[greeter] hello, reader, from outside the tree"), run::transcript);
    }

    @Test
    void serviceProvidersInAProgramsJarAreNeverFoundByTheJdk() throws Exception {
        Path marker = dir.resolve("marker");
        System.setProperty(MARKER, marker.toString());
        Path jar = providerJar();
        // Booted without the whole-jar check, so that only the loader stands between the JDK and the providers.
        var config = BootConfigParser.parse("probe.boot", "machine cpus=1 clock=virtual\nprocess name=probe program=" + ProviderProbe.class.getName() + "\n");
        var screen = new ByteArrayOutputStream();
        var outcome = Boot.run(config, Boot.Options.none(), new PrintStream(screen, true, StandardCharsets.UTF_8),
                ProgramCode.with(getClass().getClassLoader(), ClassFiles.read(List.of(jar))));
        String console = screen.toString(StandardCharsets.UTF_8);
        assertEquals(0, outcome.status(), console);
        assertTrue(console.contains("[probe] charset x-packos-evil supported: false"), console);
        assertTrue(console.contains("[probe] zone Evil/Zone: unknown"), console);
        assertFalse(Files.exists(marker), () -> "a provider from the program's jar ran in the host: " + read(marker));
    }

    @Test
    void aJarWithProvidersIsRefusedWholeBeforeAnythingBoots() throws Exception {
        Path marker = dir.resolve("marker");
        System.setProperty(MARKER, marker.toString());
        var config = PackosCommand.config(dir, "probe.boot", "machine cpus=1 clock=virtual",
                "process name=probe program=" + ProviderProbe.class.getName());
        var run = PackosCommand.run("run", config.toString(), "--programs", providerJar().toString());
        assertEquals(1, run.status(), run::transcript);
        // The providers are never reached from the main class, and are refused all the same.
        assertTrue(run.err().contains("refused outside.evil.EvilCharsets"), run::transcript);
        assertTrue(run.err().contains("refused outside.evil.EvilZones"), run::transcript);
        assertTrue(run.err().contains("nothing was booted"), run::transcript);
        assertFalse(run.out().contains("[probe]"), run::transcript);
        assertFalse(Files.exists(marker), run::transcript);
    }

    @Test
    void aJarMayNotBringClassesIntoPackosPackages() throws Exception {
        Path jar = jar("claims.jar", Map.of("packos/lib/Process.class", emptyClass("packos.lib.Process"),
                "packos/lib/net/Backdoor.class", emptyClass("packos.lib.net.Backdoor"),
                "java/util/Evil.class", emptyClass("java.util.Evil")), Greeter.class, classNamed("outside.Greeting"));
        var config = PackosCommand.config(dir, "greet.boot", "machine cpus=1 clock=virtual", "process name=greeter program=outside.Greeter");
        var run = PackosCommand.run("run", config.toString(), "--programs", jar.toString());
        assertEquals(1, run.status(), run::transcript);
        for (String name : List.of("packos.lib.Process", "packos.lib.net.Backdoor", "java.util.Evil")) {
            assertTrue(run.err().contains("refused " + name + ": is in package"), run::transcript);
        }
        assertFalse(run.out().contains("[greeter]"), run::transcript);
        // packos verify --main says so too, though the main class never reaches them.
        var verify = PackosCommand.run("verify", "--main", "outside.Greeter", jar.toString());
        assertEquals(1, verify.status(), verify::transcript);
        assertTrue(verify.out().contains("packos.lib.Process: is declared in shared package packos.lib"), verify::transcript);
        assertTrue(verify.out().contains("java.util.Evil: is declared in shared package java.util"), verify::transcript);
    }

    @Test
    void programsThatCannotBeReadAreAUsageError() {
        var run = PackosCommand.run("run", "simple", "--programs", dir.resolve("missing.jar").toString());
        assertEquals(2, run.status(), run::transcript);
        assertTrue(run.err().contains("missing.jar: no such file or directory"), run::transcript);
    }

    @Test
    void aProcessLoaderDefinesOnlyTheClassesVerifiedForItsProgram() throws Exception {
        var code = ProgramCode.with(getClass().getClassLoader(), ClassFiles.read(List.of(jar("greeter.jar", Map.of(), Greeter.class, classNamed("outside.Greeting")))));
        var loader = new ProcessClassLoader("t", getClass().getClassLoader(), new ProgramClasses(code, ClassTransformer.NONE),
                Set.of("outside.Greeter"), new Signals(ContextLimits.of(KernelConfig.defaults())));
        assertEquals("process:t", loader.loadClass("outside.Greeter").getClassLoader().getName());
        var refused = assertThrows(ClassNotFoundException.class, () -> loader.loadClass("outside.Greeting"));
        assertTrue(refused.getMessage().contains("was not verified"), refused::getMessage);
        assertThrows(ClassNotFoundException.class, () -> loader.loadClass("packos.host.Main"));
    }

    private Path providerJar() throws IOException, ClassNotFoundException {
        var extra = new LinkedHashMap<String, byte[]>();
        extra.put("META-INF/services/java.nio.charset.spi.CharsetProvider", (EvilCharsets.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        extra.put("META-INF/services/java.time.zone.ZoneRulesProvider", (EvilZones.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        return jar("providers.jar", extra, ProviderProbe.class, EvilCharsets.class, EvilZones.class, classNamed("outside.evil.Marker"));
    }

    private static Class<?> classNamed(String name) throws ClassNotFoundException { return Class.forName(name, false, ProgramsFromOutsideTheTreeTest.class.getClassLoader()); }

    private static byte[] emptyClass(String name) {
        return ClassFile.of().build(ClassDesc.of(name), cb -> cb.withSuperclass(ClassDesc.of("java.lang.Object")));
    }

    /** A jar of test classes, read from this module's test output, plus extra entries. */
    private Path jar(String fileName, Map<String, byte[]> extra, Class<?>... classes) throws IOException {
        Path jar = dir.resolve(fileName);
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> c : classes) {
                String entry = c.getName().replace('.', '/') + ".class";
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    out.putNextEntry(new JarEntry(entry));
                    out.write(in.readAllBytes());
                }
            }
            for (var e : extra.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
            }
        }
        return jar;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
