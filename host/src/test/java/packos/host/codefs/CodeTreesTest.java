package packos.host.codefs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.RandomAccessFile;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packos.host.config.BootConfigException;
import packos.host.config.BootConfigParser;
import packos.lib.fs.CodeFileSystem;
import packos.lib.fs.CodeTree;
import packos.lib.fs.DirectoryEntry;

/** Reading the tree a boot config names, at boot, and every way that fails as a FILE:LINE error. */
class CodeTreesTest {
    @TempDir
    Path dir;

    private CodeTree load(String imageLine) throws Exception {
        var file = Files.writeString(dir.resolve("web.boot"), "machine cpus=1\n" + imageLine + "\nprocess name=a program=p.A\n");
        return CodeTrees.load(BootConfigParser.parse(file), getClass().getClassLoader());
    }

    private String error(String imageLine) {
        return assertThrows(BootConfigException.class, () -> load(imageLine)).getMessage();
    }

    private String configFile() { return dir.resolve("web.boot").toString(); }

    @Test
    void directoryTreeHoldsItsFilesAndDirectories() throws Exception {
        Files.createDirectories(dir.resolve("www/sub/empty"));
        Files.writeString(dir.resolve("www/index.html"), "<p>hi</p>");
        Files.write(dir.resolve("www/sub/data.bin"), new byte[] {0, 1, 2, (byte) 255});
        var tree = load("image codefs=www");
        assertEquals("www", tree.origin());
        var files = new CodeFileSystem(tree);
        assertEquals(List.of(new DirectoryEntry("index.html", false, 9), new DirectoryEntry("sub", true, 0)), files.list("/"));
        assertEquals(List.of(new DirectoryEntry("data.bin", false, 4), new DirectoryEntry("empty", true, 0)), files.list("/sub"));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, files.readAll("sub/data.bin"));
    }

    @Test
    void noCodefsIsAnEmptyTree() throws Exception {
        var tree = CodeTrees.load(BootConfigParser.parse("x.boot", "process name=a program=p.A\n"), getClass().getClassLoader());
        assertTrue(tree.isAbsent());
        assertEquals(0, tree.entries());
    }

    @Test
    void missingDirectoryIsAConfigError() {
        assertEquals(configFile() + ":2: image: codefs=nowhere: no directory " + dir.resolve("nowhere")
                + " (expected a directory; a relative path is relative to the config file's directory)", error("image codefs=nowhere"));
    }

    @Test
    void fileInPlaceOfTheDirectoryIsAConfigError() throws Exception {
        Files.writeString(dir.resolve("page.html"), "x");
        assertEquals(configFile() + ":2: image: codefs=page.html: " + dir.resolve("page.html")
                + " is not a directory (expected a directory of files to serve as the tree)", error("image codefs=page.html"));
    }

    @Test
    void symbolicLinkInsideIsRefusedSoNothingLeadsOut() throws Exception {
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("outside.txt"), "not part of the tree");
        Files.createSymbolicLink(dir.resolve("www/passwd"), dir.resolve("outside.txt"));
        assertEquals(configFile() + ":2: image: codefs=www: " + dir.resolve("www/passwd")
                + " is a symbolic link (expected only files and directories, so that nothing leads out of the tree)", error("image codefs=www"));
    }

    @Test
    void namedPipeInsideIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("www"));
        var fifo = dir.resolve("www/pipe");
        int status;
        try {
            status = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            status = -1;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(status == 0, "no mkfifo on this host");
        assertEquals(configFile() + ":2: image: codefs=www: " + fifo + " is neither a file nor a directory (expected only files and directories)",
                error("image codefs=www"));
    }

    @Test
    void linkedRootDirectoryIsFollowed() throws Exception {
        Files.createDirectories(dir.resolve("real"));
        Files.writeString(dir.resolve("real/a.txt"), "a");
        Files.createSymbolicLink(dir.resolve("www"), dir.resolve("real"));
        assertEquals(1, load("image codefs=www").entries());
    }

    @Test
    void nameNoProgramCouldAskForIsRefused() throws Exception {
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("www/back\\slash.html"), "x");
        assertEquals(configFile() + ":2: image: codefs=www: " + dir.resolve("www/back\\slash.html")
                + " has a name no program could ask for: InvalidArgument: path 'back\\slash.html' is not valid: it contains a backslash (the separator is '/')",
                error("image codefs=www"));
    }

    @Test
    void unreadableFileIsAConfigError() throws Exception {
        Files.createDirectories(dir.resolve("www"));
        var secret = Files.writeString(dir.resolve("www/secret.txt"), "x");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(secret), "running as a user who reads every file (root)");
        assertEquals(configFile() + ":2: image: codefs=www: cannot read " + secret + ": permission denied", error("image codefs=www"));
    }

    @Test
    void treeOverTheSizeLimitIsRefusedBeforeAnythingIsRead() throws Exception {
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("www/a.txt"), "a");
        // Sparse: the walk looks at sizes first, so this costs no disk and no memory.
        try (var f = new RandomAccessFile(dir.resolve("www/huge.bin").toFile(), "rw")) {
            f.setLength(CodeTree.MAX_BYTES);
        }
        assertEquals(configFile() + ":2: image: codefs=www: " + dir.resolve("www")
                + " holds more than 67108864 bytes of files, the limit, by huge.bin (expected at most 64 MiB in all)", error("image codefs=www"));
    }

    @Test
    void unknownBuiltInTreeListsTheBuiltInOnes() {
        var e = assertThrows(BootConfigException.class, () -> CodeTrees.load(
                BootConfigParser.parse("web.boot", "image codefs=htpd\nprocess name=a program=p.A\n"), getClass().getClassLoader()));
        assertEquals("web.boot:1: image: codefs=htpd: no built-in tree is called htpd (expected one of: httpd, file)", e.getMessage());
    }

    @Test
    void indexListingAMissingResourceIsAConfigError() throws Exception {
        var resources = builtIn("t", "3 a.txt\n5 gone.txt\n", "a.txt", "abc");
        try (var loader = new URLClassLoader(new java.net.URL[] {resources.toUri().toURL()}, null)) {
            var e = assertThrows(CodeTreeException.class, () -> new BuiltInTrees(loader).read("t"));
            assertEquals("packos/codefs/t.index lists gone.txt, which is not on the class path as packos/codefs/t/gone.txt (expected the index to match the tree)",
                    e.getMessage());
        }
    }

    @Test
    void staleIndexSizeIsAConfigError() throws Exception {
        var resources = builtIn("t", "2 a.txt\n", "a.txt", "abc");
        try (var loader = new URLClassLoader(new java.net.URL[] {resources.toUri().toURL()}, null)) {
            var e = assertThrows(CodeTreeException.class, () -> new BuiltInTrees(loader).read("t"));
            assertEquals("packos/codefs/t/a.txt is 3 bytes but packos/codefs/t.index says 2 (expected the index to match the tree: regenerate it)",
                    e.getMessage());
        }
    }

    @Test
    void malformedIndexLineIsNamed() {
        var e = assertThrows(CodeTreeException.class, () -> CodeTreeIndex.parse("t.index", "# ok\n3 a.txt\na.txt 3\n"));
        assertEquals("t.index line 3: 'a.txt 3' is not an index line (expected SIZE PATH)", e.getMessage());
    }

    @Test
    void indexOverTheSizeLimitIsRefusedBeforeReading() throws Exception {
        var resources = builtIn("t", CodeTree.MAX_BYTES + " big.bin\n1 a.txt\n", "a.txt", "a");
        try (var loader = new URLClassLoader(new java.net.URL[] {resources.toUri().toURL()}, null)) {
            var e = assertThrows(CodeTreeException.class, () -> new BuiltInTrees(loader).read("t"));
            assertEquals("built-in tree t holds more than 67108864 bytes of files, the limit, by big.bin (expected at most 64 MiB in all)", e.getMessage());
        }
    }

    /** A class path root holding one built-in tree with one file. */
    private Path builtIn(String name, String index, String file, String contents) throws Exception {
        var root = dir.resolve("classes");
        Files.createDirectories(root.resolve("packos/codefs/" + name));
        Files.writeString(root.resolve("packos/codefs/" + name + ".index"), index);
        Files.writeString(root.resolve("packos/codefs/" + name + "/" + file), contents, StandardCharsets.UTF_8);
        return root;
    }
}
