package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import packos.host.config.BootConfigException;
import packos.host.config.BootConfigParser;
import packos.testprograms.FileWorker;

/**
 * A process's namespace as its boot config line declares it: a host directory granted with
 * {@code mount=/host=dir:DIR}, written through by the host and confined beneath DIR, a memory tree,
 * the code tree, and a mount made in code.
 */
@Timeout(120)
class MountsInABootedImageTest {
    @TempDir
    Path dir;

    private List<String> boot(String processLine) throws Exception {
        var file = dir.resolve("files.boot");
        Files.writeString(file, "machine cpus=1 clock=virtual\n" + processLine + "\n");
        var config = BootConfigParser.parse(file);
        var screen = new ByteArrayOutputStream();
        Boot.Outcome outcome;
        try (var out = new PrintStream(screen, true, StandardCharsets.UTF_8)) {
            outcome = Boot.run(config, new Boot.Options(null, null, 60_000), out, getClass().getClassLoader());
        }
        var console = screen.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, outcome.status(), () -> String.join("\n", console));
        return console;
    }

    private static String worker(String mounts, String... steps) {
        return "process name=w program=" + FileWorker.class.getName() + " " + mounts + " arg=" + String.join(" arg=", steps);
    }

    private static void has(List<String> console, String line) {
        assertTrue(console.contains(line), () -> "no line '" + line + "' in\n" + String.join("\n", console));
    }

    @Test
    void aGrantedHostDirectoryIsWrittenAndReadThroughTheHost() throws Exception {
        Files.createDirectory(dir.resolve("data"));
        Files.writeString(dir.resolve("data/old.txt"), "from the host");
        var console = boot(worker("mount=/host=dir:data mount=/tmp=memory",
                "read:/host/old.txt", "write:/host/new.txt:from-PackOS", "mkdir:/host/sub", "rename:/host/new.txt:/host/sub/moved.txt",
                "printf:/host/sub/moved.txt", "list:/host", "write:/tmp/t:scratch", "rename:/tmp/t:/host/t", "list:/"));
        has(console, "[w] read /host/old.txt: from the host");
        has(console, "[w] list /host: old.txt=13 sub/");
        has(console, "[w] rename refused: CrossFilesystemMove: cannot rename '/tmp/t' to '/host/t': they are on different mounts (/tmp, /host); copy, then delete");
        has(console, "[w] list /: host/ tmp/");
        assertEquals("from-PackOS/host/sub/moved.txt has 11 bytes\n", Files.readString(dir.resolve("data/sub/moved.txt")));
    }

    @Test
    void nothingLeadsOutOfAGrantedDirectory() throws Exception {
        Files.createDirectory(dir.resolve("data"));
        Files.writeString(dir.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(dir.resolve("data/up"), dir);
        Files.createSymbolicLink(dir.resolve("data/secret"), dir.resolve("secret.txt"));
        var console = boot(worker("mount=/h=dir:data", "read:/h/up/secret.txt", "read:/h/secret", "write:/h/secret:overwritten",
                "read:/h/../secret.txt", "list:/h"));
        has(console, "[w] read refused: AccessDenied: /up/secret.txt is a symbolic link or a special file: only plain files and directories are served");
        has(console, "[w] read refused: AccessDenied: /secret is a symbolic link or a special file: only plain files and directories are served");
        has(console, "[w] write refused: AccessDenied: /secret is a symbolic link or a special file: only plain files and directories are served");
        has(console, "[w] read refused: InvalidArgument: path '/h/../secret.txt' is not valid: it has a '..' name (no path may leave its directory)");
        has(console, "[w] list /h:");
        assertEquals("outside", Files.readString(dir.resolve("secret.txt")));
    }

    @Test
    void aReadOnlyGrantAndTheCodeTreeRefuseWrites() throws Exception {
        Files.createDirectory(dir.resolve("data"));
        var console = boot(worker("mount=/ro=dir:data,ro mount=/=code", "write:/ro/x:no", "write:/x:no", "mount-memory:/m", "write:/m/x:yes", "read:/m/x"));
        has(console, "[w] write refused: ReadOnlyFilesystem: cannot open WRITE+CREATE+TRUNCATE /x: host directory " + dir.resolve("data").toRealPath() + " is served read-only");
        has(console, "[w] read /m/x: yes");
        assertEquals(2, console.stream().filter(l -> l.contains("refused: ReadOnlyFilesystem")).count(), () -> String.join("\n", console));
    }

    @Test
    void badMountLinesAreConfigErrors() {
        var e = assertThrows(BootConfigException.class, () -> BootConfigParser.parse("x.boot", "process name=a program=a.B mount=/d=dir:data\n"));
        assertEquals("x.boot:1: process: mount=/d=dir:data is not valid: only a config file may grant a host directory (a built-in image names none)", e.getMessage());
        e = assertThrows(BootConfigException.class, () -> BootConfigParser.parse("x.boot", "process name=a program=a.B mount=/d=floppy\n"));
        assertEquals("x.boot:1: process: mount=/d=floppy is not valid: InvalidArgument: mount source 'floppy' is not one of: code, memory, devices, dumbfs:[ADDR]:PORT, 9p:[ADDR]:PORT,aname=NAME", e.getMessage());
        e = assertThrows(BootConfigException.class, () -> BootConfigParser.parse("x.boot", "process name=a program=a.B mount=/d=memory mount=/d/=code\n"));
        assertEquals("x.boot:1: process: mount=/d/=code: /d is mounted twice (expected each path once)", e.getMessage());
    }
}
