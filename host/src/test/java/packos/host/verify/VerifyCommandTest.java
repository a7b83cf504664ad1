package packos.host.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packos.host.protect.verify.Why;
import packos.hostile.load.Helper;
import packos.hostile.load.HonestProgram;
import packos.hostile.load.Sleeper;
import packos.hostile.load.UsesLibraryHelper;
import packos.hostile.load.Victim;

/** {@code packos verify JAR-OR-CLASSDIR [--main CLASS]}: refusal lines, exit 0 clean, 1 refused, 2 bad arguments. */
class VerifyCommandTest {
    /** Copies the class files of {@code classes} (nested classes included) into a class directory under {@code root}. */
    private static Path classDir(Path root, Class<?>... classes) throws Exception {
        var dir = Files.createDirectories(root.resolve("classes"));
        for (Class<?> c : classes) {
            var source = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            var pkg = source.resolve(c.getPackageName().replace('.', '/'));
            try (var files = Files.list(pkg)) {
                for (Path f : files.filter(f -> f.getFileName().toString().equals(c.getSimpleName() + ".class")
                        || f.getFileName().toString().startsWith(c.getSimpleName() + "$")).toList()) {
                    var target = dir.resolve(c.getPackageName().replace('.', '/')).resolve(f.getFileName().toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target);
                }
            }
        }
        return dir;
    }

    @Test
    void aCleanDirectoryExitsZero(@TempDir Path tmp) throws Exception {
        var dir = classDir(tmp, Victim.class, HonestProgram.class);
        var run = Packos.run("verify", dir.toString());
        assertEquals(0, run.status(), run::transcript);
        assertEquals(1, run.outLines().size(), run::transcript);
        assertTrue(run.outLines().getFirst().matches("packos verify: \\d+ classes checked, none refused"), run::transcript);
    }

    @Test
    void aRefusedClassIsPrintedAndExitsOne(@TempDir Path tmp) throws Exception {
        var dir = classDir(tmp, Victim.class, Sleeper.class);
        var run = Packos.run("verify", dir.toString());
        assertEquals(1, run.status(), run::transcript);
        assertEquals(List.of(
                "packos.hostile.load.Sleeper.main(Process) @3: calls java.lang.Thread.sleep(long): "
                        + "host clocks and threads are not for programs (time comes from the timer service)",
                "packos verify: 2 classes checked, 1 refusal"), run.outLines(), run::transcript);
    }

    @Test
    void mainLimitsTheCheckToTheClassesItReaches(@TempDir Path tmp) throws Exception {
        var dir = classDir(tmp, Victim.class, Sleeper.class, UsesLibraryHelper.class, Helper.class);
        var clean = Packos.run("verify", dir.toString(), "--main", Victim.class.getName());
        assertEquals(0, clean.status(), clean::transcript);
        assertEquals(List.of("packos verify: 1 class checked, none refused"), clean.outLines(), clean::transcript);
        var library = Packos.run("verify", "--main", UsesLibraryHelper.class.getName(), dir.toString());
        assertEquals(1, library.status(), library::transcript);
        assertTrue(library.outLines().getFirst().startsWith("packos.hostile.load.Helper.stamp() @0: calls java.lang.System.currentTimeMillis()"),
                library::transcript);
        assertEquals("packos verify: 2 classes checked, 1 refusal", library.outLines().getLast(), library::transcript);
    }

    @Test
    void jarsAreReadLikeDirectories(@TempDir Path tmp) throws Exception {
        var dir = classDir(tmp, Victim.class, Sleeper.class);
        var jar = tmp.resolve("program.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar)); var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        var run = Packos.run("verify", jar.toString());
        assertEquals(1, run.status(), run::transcript);
        assertTrue(run.outLines().getFirst().startsWith("packos.hostile.load.Sleeper.main(Process) @3: "), run::transcript);
        var single = Packos.run("verify", dir.resolve("packos/hostile/load/Victim.class").toString());
        assertEquals(0, single.status(), single::transcript);
    }

    @Test
    void aPackageDirectoryNamesItsClassesByWhatTheyDeclare(@TempDir Path tmp) throws Exception {
        var dir = classDir(tmp, Sleeper.class);
        var run = Packos.run("verify", dir.resolve("packos/hostile/load").toString());
        assertEquals(1, run.status(), run::transcript);
        assertTrue(run.outLines().getFirst().startsWith("packos.hostile.load.Sleeper.main(Process) @3: "), run::transcript);
    }

    @Test
    void badArgumentsExitTwoWithAClearMessage(@TempDir Path tmp) throws Exception {
        var missing = Packos.run("verify", tmp.resolve("nowhere").toString());
        assertEquals(2, missing.status(), missing::transcript);
        assertEquals("packos verify: " + tmp.resolve("nowhere") + ": no such file or directory", missing.err().strip(), missing::transcript);

        var notAJar = Files.writeString(tmp.resolve("notes.txt"), "not a jar");
        var garbage = Packos.run("verify", notAJar.toString());
        assertEquals(2, garbage.status(), garbage::transcript);
        assertTrue(garbage.err().startsWith("packos verify: " + notAJar + ": not a jar"), garbage::transcript);

        var empty = Files.createDirectories(tmp.resolve("empty"));
        var none = Packos.run("verify", empty.toString());
        assertEquals(2, none.status(), none::transcript);
        assertEquals("packos verify: no class files in " + empty, none.err().strip(), none::transcript);

        var dir = classDir(tmp, Victim.class);
        var noMain = Packos.run("verify", dir.toString(), "--main", "no.such.Program");
        assertEquals(2, noMain.status(), noMain::transcript);
        assertEquals("packos verify: no class no.such.Program in " + dir, noMain.err().strip(), noMain::transcript);

        var noPath = Packos.run("verify");
        assertEquals(2, noPath.status(), noPath::transcript);
        assertTrue(noPath.err().contains("Missing required parameter"), noPath::transcript);
    }

    @Test
    void aMalformedClassFileIsRefusedNotACrash(@TempDir Path tmp) throws Exception {
        var dir = Files.createDirectories(tmp.resolve("classes/bad"));
        Files.write(dir.resolve("Broken.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 65, 0});
        var run = Packos.run("verify", tmp.resolve("classes").toString());
        assertEquals(1, run.status(), run::transcript);
        assertTrue(run.outLines().getFirst().startsWith("bad.Broken: cannot be read ("), run::transcript);
        assertTrue(run.outLines().getFirst().endsWith(": the class file cannot be read"), run::transcript);
    }

    @Test
    void aSelfReferentialDynamicConstantIsOneRefusalLineNotAStackTrace(@TempDir Path tmp) throws Exception {
        var dir = classDir(tmp, Victim.class);
        Files.createDirectories(dir.resolve("crafted"));
        Files.write(dir.resolve("crafted/SelfCondy.class"), CraftedClasses.selfReferentialCondy("crafted.SelfCondy"));
        var run = Packos.run("verify", dir.toString());
        assertEquals(1, run.status(), run::transcript);
        assertEquals(List.of(
                "crafted.SelfCondy.main(Process) @0: loads dynamic constant c0, which is its own bootstrap argument: "
                        + Why.BOOTSTRAP_CYCLE.text(),
                "packos verify: 2 classes checked, 1 refusal"), run.outLines(), run::transcript);
        assertEquals("", run.err(), run::transcript);
    }

    @Test
    void aClassFileGivenByItselfThatCannotBeReadIsARefusalNamedByTheFile(@TempDir Path tmp) throws Exception {
        var file = Files.write(tmp.resolve("Broken.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 65, 0});
        var run = Packos.run("verify", file.toString());
        assertEquals(1, run.status(), run::transcript);
        assertTrue(run.outLines().getFirst().startsWith("Broken: cannot be read ("), run::transcript);
        assertTrue(run.outLines().getFirst().endsWith(": " + Why.MALFORMED.text()), run::transcript);
        assertEquals("", run.err(), run::transcript);
    }

    @Test
    void aJarEntryThatCannotBeInflatedIsARefusalNamingItsClass(@TempDir Path tmp) throws Exception {
        var dir = classDir(tmp, Victim.class);
        var jar = tmp.resolve("program.jar");
        byte[] victim = Files.readAllBytes(dir.resolve("packos/hostile/load/Victim.class"));
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("packos/hostile/load/Victim.class"));
            out.write(victim);
            out.closeEntry();
            out.putNextEntry(new JarEntry("bad/Damaged.class"));
            out.write(victim);
            out.closeEntry();
        }
        // Damage the compressed data of the second entry: its local header is the second "PK\3\4" in the file.
        byte[] bytes = Files.readAllBytes(jar);
        int second = -1;
        for (int i = 1, seen = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4 && ++seen == 1) { second = i; break; }
        }
        int nameLength = (bytes[second + 26] & 0xFF) | (bytes[second + 27] & 0xFF) << 8;
        int data = second + 30 + nameLength;
        for (int i = data; i < data + 16; i++) bytes[i] = (byte) 0xFF;
        Files.write(jar, bytes);
        var run = Packos.run("verify", jar.toString());
        assertEquals(1, run.status(), run::transcript);
        assertEquals(2, run.outLines().size(), run::transcript);
        assertTrue(run.outLines().getFirst().startsWith("bad.Damaged: cannot be read (jar entry bad/Damaged.class: "), run::transcript);
        assertTrue(run.outLines().getFirst().endsWith(": " + Why.MALFORMED.text()), run::transcript);
        assertEquals("packos verify: 2 classes checked, 1 refusal", run.outLines().getLast(), run::transcript);
        assertEquals("", run.err(), run::transcript);
    }
}
