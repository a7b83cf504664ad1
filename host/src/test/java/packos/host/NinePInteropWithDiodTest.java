package packos.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.testprograms.CopyAcrossARestart;
import packos.testprograms.FileCopy;

/**
 * 9P2000.L against real peers from the diod package, both ways: a PackOS process copies a 50 MB
 * random file out of diod on the host's loopback (through router, driver, card and the user
 * network) and back into it, byte for byte; and diodls, diodcat and diodload, from Linux, use
 * the PackOS file server through a hostfwd.
 */
@Timeout(600)
class NinePInteropWithDiodTest {
    private static final String SYSTEM = String.join("\n",
            "process name=pci    program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes",
            "process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 queue=512 daemon=yes after=pci",
            "process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::4 caps=forward queue=512 daemon=yes reports-init=yes after=driver");

    @TempDir
    Path dir;

    @Test
    void aPackosProcessCopiesFiftyMegabytesOutOfDiodAndBackByteExact() throws Exception {
        Diod.assumeInstalled("diod");
        var served = Files.createDirectory(dir.resolve("served"));
        var bytes = new byte[50 * 1024 * 1024];
        new Random(42).nextBytes(bytes);
        Files.write(served.resolve("a.bin"), bytes);
        // diod -S serves as nobody: the tree must be theirs to read and write.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(served, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(served.resolve("a.bin"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        try (var diod = Diod.serve(served)) {
            var config = PackosCommand.config(dir, "copy.boot", "machine cpus=1 clock=real wire=user",
                    "kan queue=256", SYSTEM,
                    "process name=copy program=" + FileCopy.class.getName() + " mount=/d=9p:[fd00:7e8f::1]:" + diod.port + ",aname=" + served
                            + " arg=/d/a.bin arg=/d/a.copy after=router queue=512");
            var run = PackosCommand.run("run", config.toString(), "--timeout", "500");
            assertEquals(0, run.status(), run::transcript);
            assertTrue(run.outLines().stream().anyMatch(l -> l.startsWith("[copy] copied " + bytes.length + " bytes in ")), run::transcript);
        }
        assertArrayEquals(sha256(bytes), sha256(Files.readAllBytes(served.resolve("a.copy"))), "the copy back into diod is byte-exact");
    }

    @Test
    void afterDiodRestartsTheClientReconnectsAndItsOpenFilesGoOn() throws Exception {
        Diod.assumeInstalled("diod");
        var served = Files.createDirectory(dir.resolve("served"));
        var bytes = new byte[8 * 1024 * 1024];
        new Random(7).nextBytes(bytes);
        Files.write(served.resolve("a.bin"), bytes);
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(served, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(served.resolve("a.bin"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        var first = Diod.serve(served);
        int port = first.port;
        var failure = new AtomicReference<Throwable>();
        long[] halfCopied = {-1};
        var restarter = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 3000 && !Files.exists(served.resolve("ready")); i++) Thread.sleep(50);
                // What was written and synced before the restart is there while the server is down.
                halfCopied[0] = Files.size(served.resolve("a.copy"));
                first.close();
                Thread.sleep(500);
                try (var second = Diod.serve(served, port)) {
                    Files.writeString(served.resolve("restarted"), "yes");
                    for (int i = 0; i < 6000 && !Files.exists(served.resolve("done")); i++) Thread.sleep(50);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        var config = PackosCommand.config(dir, "restart.boot", "machine cpus=1 clock=real wire=user", "kan queue=256", SYSTEM,
                "process name=copy program=" + CopyAcrossARestart.class.getName() + " mount=/d=9p:[fd00:7e8f::1]:" + port + ",aname=" + served
                        + " after=router queue=512");
        var run = PackosCommand.run("run", config.toString(), "--timeout", "300");
        Files.writeString(served.resolve("done"), "yes");
        restarter.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        assertEquals(0, run.status(), run::transcript);
        assertTrue(halfCopied[0] >= bytes.length / 2, "synced before the restart: " + halfCopied[0]);
        assertTrue(run.outLines().stream().anyMatch(l -> l.matches("\\[copy] copied " + bytes.length + " bytes across [1-9]\\d* reconnections")), run::transcript);
        assertArrayEquals(sha256(bytes), sha256(Files.readAllBytes(served.resolve("a.copy"))), "the copy made across the restart is byte-exact");
    }

    @Test
    void diodlsDiodcatAndDiodloadUseThePackosFileServerThroughHostfwd() throws Exception {
        Diod.assumeInstalled("diodls", "diodcat", "diodload");
        int port = Diod.freePort();
        var server = "127.0.0.1:" + port;
        var results = new AtomicReference<String>();
        var failure = new AtomicReference<Throwable>();
        var clients = Thread.ofPlatform().start(() -> {
            try {
                Diod.Result ls = null;
                for (int i = 0; i < 600 && (ls == null || ls.status() != 0); i++) {
                    Thread.sleep(100);
                    ls = Diod.run("diodls", "-s", server, "-a", "/", "code");
                }
                var cat = Diod.run("diodcat", "-s", server, "-a", "/", "code/foo.txt");
                var root = Diod.run("diodls", "-s", server, "-a", "/", "-l", "/");
                var load = Diod.run("diodload", "-s", server, "-r", "2", "-n", "4");
                var getattr = Diod.run("diodload", "-s", server, "-r", "2", "-n", "4", "-g");
                results.set(String.join("\n---\n", ls.out(), cat.out(), root.out(), load.out(), getattr.out()));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        var run = PackosCommand.run("run", "fileserver", "--timeout", "90", "--wire", "user,hostfwd=tcp:127.0.0.1:" + port + "-fs:564");
        clients.join();
        if (failure.get() != null) throw new AssertionError(failure.get());
        assertEquals(124, run.status(), run::transcript);
        var parts = results.get().split("\n---\n", -1);
        assertEquals("foo.txt\n", parts[0], results::get);
        assertEquals("foo bar baz\n", parts[1], results::get);
        assertTrue(parts[2].matches("(?s)d\\S+\\s+\\d+ \\S+ \\S+\\s+0 .* code\\nd.* ctl\\nd.* data\\n"), results::get);
        for (var load : new String[] {parts[3], parts[4]}) {
            assertTrue(load.matches("(?s)diodload: [1-9]\\d* ops/s, \\d+ rMB/s, \\d+ wMB/s\\n"), results::get);
        }
    }

    private static byte[] sha256(byte[] bytes) throws Exception { return MessageDigest.getInstance("SHA-256").digest(bytes); }
}
