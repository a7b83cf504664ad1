package packos.host.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import packos.host.protect.verify.AllowListVerifier;

/**
 * FACTS.md: merely listing what a class references takes about 30 us per class warm. The
 * verifier is on the path of every process start, so it must stay within a small factor of
 * reading the class at all, and a class seen before (same bytes) must cost less still. Measured
 * over java.util's classes (big and varied) against the bare ClassFile API in the same run, so
 * that a loaded machine slows both alike.
 */
class VerifierSpeedTest {
    @Test
    void verifyingCostsASmallFactorOverReadingTheClassAndTheCacheIsCheaper() throws Exception {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        var jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        Path modules = jrt.getPath("/modules/java.base");
        try (var files = Files.walk(modules.resolve("java/util"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().limit(400).toList()) {
                String name = modules.relativize(f).toString();
                classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), Files.readAllBytes(f));
            }
        }
        List<String> roots = List.copyOf(classes.keySet());
        long bestVerify = Long.MAX_VALUE;
        long bestRead = Long.MAX_VALUE;
        long bestCached = Long.MAX_VALUE;
        for (int round = 0; round < 8; round++) {
            long start = System.nanoTime();
            int instructions = 0;
            for (byte[] b : classes.values()) {
                for (var m : ClassFile.of().parse(b).methods()) {
                    var code = m.code().orElse(null);
                    if (code != null) instructions += code.elementList().size();
                }
            }
            bestRead = Math.min(bestRead, System.nanoTime() - start);
            assertTrue(instructions > 0);

            var verifier = new AllowListVerifier();
            start = System.nanoTime();
            var report = verifier.check(roots, classes::get);
            bestVerify = Math.min(bestVerify, System.nanoTime() - start);
            assertEquals(roots.size(), report.classes().size());

            start = System.nanoTime();
            verifier.check(roots, classes::get);
            bestCached = Math.min(bestCached, System.nanoTime() - start);
        }
        double read = bestRead / 1000.0 / roots.size();
        double verify = bestVerify / 1000.0 / roots.size();
        double cached = bestCached / 1000.0 / roots.size();
        System.out.printf("verifier over %d java.util classes: read %.1f us/class, verify %.1f us/class (%.1fx), cached %.1f us/class%n",
                roots.size(), read, verify, verify / read, cached);
        // java.util classes earn many refusals (they use internals), which programs do not: the
        // lines cost more than the checks. Generous bounds keep a busy CI machine from flaking.
        assertTrue(verify < 12 * read, () -> "verify " + verify + " us/class vs read " + read + " us/class");
        assertTrue(cached < verify, () -> "cached " + cached + " us/class vs " + verify + " us/class");
    }
}
