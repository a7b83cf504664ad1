package packos.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image line's codefs=: a built-in tree's name in a built-in image, a directory beside a config file. */
class CodeTreeConfigTest {
    private static final String OK = "process name=ok program=p.Ok\n";

    @Test
    void builtInImageNamesABuiltInTree() throws Exception {
        var config = BootConfigParser.parse("web.boot", "image name=web codefs=httpd\n" + OK);
        assertEquals(Optional.of(new CodeTreeSource.BuiltIn("httpd", 1)), config.codefs());
    }

    @Test
    void imageWithoutCodefsHasNoTree() throws Exception {
        assertEquals(Optional.empty(), BootConfigParser.parse("x.boot", "image name=x\n" + OK).codefs());
        assertEquals(Optional.empty(), BootConfigParser.parse("x.boot", OK).codefs());
    }

    @Test
    void configFileNamesADirectoryRelativeToItself(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("conf"));
        var file = Files.writeString(dir.resolve("conf/web.boot"), "machine cpus=1\nimage codefs=../site/docroot\n" + OK);
        var source = BootConfigParser.parse(file).codefs().orElseThrow();
        assertEquals(new CodeTreeSource.Directory(dir.resolve("site/docroot").toAbsolutePath().normalize(), "../site/docroot", 2), source);
    }

    @Test
    void configFileMayNameAnAbsoluteDirectory(@TempDir Path dir) throws Exception {
        var file = Files.writeString(dir.resolve("web.boot"), "image codefs=\"" + dir.resolve("www dir") + "\"\n" + OK);
        var source = (CodeTreeSource.Directory) BootConfigParser.parse(file).codefs().orElseThrow();
        assertEquals(dir.resolve("www dir"), source.directory());
    }

    @Test
    void overridesKeepTheTree() throws Exception {
        var config = BootConfigParser.parse("web.boot", "image codefs=httpd\n" + OK).withOverrides(2, null, null);
        assertEquals("httpd", config.codefs().orElseThrow().written());
    }

    @Test
    void builtInImageCannotNameADirectory() {
        var e = assertThrows(BootConfigException.class, () -> BootConfigParser.parse("x.boot", OK + "image codefs=../docroot\n"));
        assertEquals("x.boot:2: image: codefs=../docroot is not a built-in tree name (expected [a-z0-9][a-z0-9._-]{0,63}; only a config file may name a directory)",
                e.getMessage());
        e = assertThrows(BootConfigException.class, () -> BootConfigParser.parse("x.boot", "image codefs=\"\"\n" + OK));
        assertEquals("x.boot:1: image: codefs= is not a built-in tree name (expected [a-z0-9][a-z0-9._-]{0,63}; only a config file may name a directory)",
                e.getMessage());
    }

    @Test
    void configFileCannotNameNoDirectory(@TempDir Path dir) throws Exception {
        var file = Files.writeString(dir.resolve("x.boot"), OK + "image codefs=\"\"\n");
        var e = assertThrows(BootConfigException.class, () -> BootConfigParser.parse(file));
        assertEquals(file + ":2: image: codefs=\"\" names no directory (expected a directory, relative to the config file's directory)", e.getMessage());
    }

    @Test
    void codefsGivenTwiceIsAnError() {
        var e = assertThrows(BootConfigException.class, () -> BootConfigParser.parse("x.boot", "image codefs=a codefs=b\n" + OK));
        assertEquals("x.boot:1: image: key 'codefs' given twice (expected at most one; only arg and mount may repeat)", e.getMessage());
    }

    @Test
    void unknownImageKeyListsCodefs() {
        var e = assertThrows(BootConfigException.class, () -> BootConfigParser.parse("x.boot", "image codfs=a\n" + OK));
        assertTrue(e.getMessage().endsWith("(expected one of: name, description, codefs)"), e.getMessage());
    }
}
