package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.host.config.BootConfigParser;
import packos.testprograms.FileReader;

/**
 * A booted image's processes read its code tree through {@code process.files()}, past the
 * verifier and the instrumentation, and see exactly the host's bytes; no process can change
 * what another sees.
 */
@Timeout(120)
class CodeTreeInABootedImageTest {
    private static final Path HTTPD = Path.of("../samples/src/main/resources/packos/codefs/httpd");

    private static List<String> boot(String... lines) throws Exception {
        var config = BootConfigParser.parse("files.boot", String.join("\n", lines) + "\n");
        var screen = new ByteArrayOutputStream();
        Boot.Outcome outcome;
        try (var out = new PrintStream(screen, true, StandardCharsets.UTF_8)) {
            outcome = Boot.run(config, new Boot.Options(null, null, 60_000), out, CodeTreeInABootedImageTest.class.getClassLoader());
        }
        var console = screen.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, outcome.status(), () -> String.join("\n", console));
        return console;
    }

    private static String process(String name, String... args) {
        var line = new StringBuilder("process name=" + name + " program=" + FileReader.class.getName());
        for (var a : args) line.append(" arg=").append(a);
        return line.toString();
    }

    @Test
    void processReadsTheBuiltInHttpdTreeByteForByte() throws Exception {
        var console = boot("image name=files codefs=httpd", "machine cpus=1 clock=virtual",
                process("reader", "read", "/primes.txt", "100k.html", "1315.html", "favicon.png", "more/notes.txt"));
        for (var path : List.of("/primes.txt", "100k.html", "1315.html", "favicon.png", "more/notes.txt")) {
            var bytes = Files.readAllBytes(HTTPD.resolve(path.startsWith("/") ? path.substring(1) : path));
            var expected = "[reader] read " + path + " size=" + bytes.length + " bytes=" + bytes.length + " fnv=" + Long.toHexString(fnv(bytes));
            assertTrue(console.contains(expected), () -> expected + "\n" + String.join("\n", console));
        }
    }

    @Test
    void processSeesTheRefusalsAnHttpdReliesOn() throws Exception {
        var console = boot("image codefs=httpd", "machine cpus=1 clock=virtual", process("r", "refusals"));
        assertEquals(List.of(
                "[r] refusal write: ReadOnlyFilesystem: cannot open '/foo.txt' for WRITE: code tree httpd is read-only",
                "[r] refusal directory: IsDirectory: '/more' is a directory (list it, or name a file in it)",
                "[r] refusal list-file: IsNotDirectory: cannot list '/foo.txt': it is a file",
                "[r] refusal missing: DoesNotExist: no '/nope.html' in code tree httpd",
                "[r] refusal escape: InvalidArgument: path 'more/../../etc/passwd' is not valid: it has a '..' name (no path may leave its directory)"),
                console.stream().filter(l -> l.startsWith("[r] refusal")).toList());
    }

    @Test
    void oneProcessChangingWhatItReadCannotChangeAnothersView() throws Exception {
        var console = boot("image codefs=httpd", "machine cpus=1 clock=virtual",
                process("vandal", "vandal", "foo.txt"),
                process("reader", "read", "foo.txt") + " after=vandal");
        assertTrue(console.contains("[vandal] vandal wrote XXX, file now bar"), () -> String.join("\n", console));
        var expected = "[reader] read foo.txt size=3 bytes=3 fnv=" + Long.toHexString(fnv("bar".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(console.contains(expected), () -> String.join("\n", console));
    }

    @Test
    void imageWithoutATreeGivesAnEmptyRoot() throws Exception {
        var console = boot("machine cpus=1 clock=virtual", process("l", "list", "/"));
        assertTrue(console.contains("[l] list /:"), () -> String.join("\n", console));
    }

    @Test
    void configFileServesADirectoryBesideIt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("docroot/sub"));
        Files.writeString(dir.resolve("docroot/index.html"), "<h1>mine</h1>");
        Files.writeString(dir.resolve("docroot/sub/a.txt"), "a");
        var file = PackosCommand.config(dir, "mine.boot", "image codefs=docroot", "machine cpus=1 clock=virtual",
                process("l", "list", "/"), process("s", "list", "sub/"));
        var run = PackosCommand.run("run", file.toString());
        assertEquals(0, run.status(), run::transcript);
        assertTrue(run.outLines().contains("[l] list /: index.html=13 sub/"), run::transcript);
        assertTrue(run.outLines().contains("[s] list sub/: a.txt=1"), run::transcript);
    }

    @Test
    void missingDirectoryStopsTheRunAsAConfigError(@TempDir Path dir) throws Exception {
        var file = PackosCommand.config(dir, "broken.boot", "machine cpus=1", "image codefs=nowhere", process("l", "list", "/"));
        var run = PackosCommand.run("run", file.toString());
        assertEquals(2, run.status(), run::transcript);
        assertEquals("packos run: " + file + ":2: image: codefs=nowhere: no directory " + dir.toAbsolutePath().resolve("nowhere")
                + " (expected a directory; a relative path is relative to the config file's directory)\n", run.err());
    }

    /** FNV-1a, 64 bits, as {@link FileReader} computes it. */
    private static long fnv(byte[] bytes) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : bytes) hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        return hash;
    }
}
