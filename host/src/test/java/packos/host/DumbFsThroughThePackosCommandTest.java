package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.lib.fs.dumbfs.DumbFs;
import packos.lib.fs.dumbfs.DumbFsReply;
import packos.lib.fs.dumbfs.DumbFsRequest;
import packos.testprograms.FileWorker;

/**
 * DumbFS end to end: the {@code file} sample through router, driver and card to the user network's
 * built-in server, a host directory given on the command line, and a PackOS process that writes,
 * renames and deletes through the user network's UDP relay to {@code packos dumbfs} on the host.
 */
@Timeout(180)
class DumbFsThroughThePackosCommandTest {
    @TempDir
    Path dir;

    @Test
    void fileSampleReadsFooTxtThroughRouterDriverAndCardAndTwoRunsAreTheSame() {
        var run = PackosCommand.run("run", "file");
        var lines = run.outLines();
        assertEquals(0, run.status(), run::transcript);
        assertTrue(lines.contains("[user] dumbfs [fd00:7e8f::1]:5002 serves file"), run::transcript);
        int read = lines.indexOf("[file] fileProcess(): FileRead(): read 12 bytes: foo bar baz\\n");
        assertTrue(read > lines.indexOf("[scheduler] router activated"), run::transcript);
        assertEquals("[file] fileProcess(): end of file", lines.get(read + 1), run::transcript);
        assertEquals("[kernel] halted: every process ended cleanly (status 0)", lines.getLast(), run::transcript);
        assertEquals(lines, PackosCommand.run("run", "file").outLines(), "a virtual-time run is a function of its boot config");
    }

    @Test
    void aHostDirectoryOnTheCommandLineIsReadInChunksToItsLastByte() throws Exception {
        var text = new StringBuilder();
        for (int i = 0; text.length() < 1300; i++) text.append("line ").append(i).append(' ');
        Files.writeString(dir.resolve("foo.txt"), text.substring(0, 1300));
        var run = PackosCommand.run("run", "file", "--wire", "user,dumbfs=" + dir);
        assertEquals(0, run.status(), run::transcript);
        var chunks = run.outLines().stream().filter(l -> l.startsWith("[file] fileProcess(): FileRead(): read ")).toList();
        assertEquals(List.of(512, 512, 276), chunks.stream().map(l -> Integer.parseInt(l.split(" ")[4])).toList(), run::transcript);
        var joined = new StringBuilder();
        for (var c : chunks) joined.append(c.substring(c.indexOf("bytes: ") + 7));
        assertEquals(text.substring(0, 1300), joined.toString());
    }

    @Test
    void aProcessWritesRenamesAndDeletesOnTheHostThroughTheUdpRelayToPackosDumbfs() throws Exception {
        Files.createDirectory(dir.resolve("served"));
        Files.writeString(dir.resolve("served/old.txt"), "old");
        int port;
        try (var probe = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        var status = new AtomicInteger(-1);
        // Not through PackosCommand.capture: that holds System.out for the whole command, and this one runs until stopped.
        var server = Thread.ofPlatform().start(() -> {
            var command = Main.commandLine();
            command.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
            command.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
            status.set(command.execute("dumbfs", dir.resolve("served").toString(), "--listen", "127.0.0.1:" + port));
        });
        try {
            awaitServer(port);
            // The relay tries [::1] first, where nothing listens, then 127.0.0.1.
            var config = PackosCommand.config(dir, "w.boot",
                    "machine cpus=1 clock=real wire=user",
                    "process name=pci    program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes",
                    "process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 daemon=yes after=pci",
                    "process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::4 caps=forward daemon=yes reports-init=yes after=driver",
                    "process name=w program=" + FileWorker.class.getName() + " mount=/h=dumbfs:[fd00:7e8f::1]:" + port + " after=router"
                            + " arg=read:/h/old.txt arg=write:/h/new.txt:written-by-packos arg=rename:/h/old.txt:/h/gone.txt"
                            + " arg=delete:/h/gone.txt arg=read:/h/../etc/passwd arg=list:/h");
            var run = PackosCommand.run("run", config.toString(), "--timeout", "60");
            assertEquals(0, run.status(), run::transcript);
            var lines = run.outLines();
            for (var expected : List.of("[w] read /h/old.txt: old", "[w] wrote /h/new.txt", "[w] renamed /h/old.txt to /h/gone.txt", "[w] deleted /h/gone.txt",
                    "[w] read refused: InvalidArgument: path '/h/../etc/passwd' is not valid: it has a '..' name (no path may leave its directory)",
                    "[w] list refused: NotImplemented: cannot list / : DumbFS has no listing".replace("/ :", "/:"))) {
                assertTrue(lines.contains(expected), () -> "missing: " + expected + "\n" + run.transcript());
            }
            assertEquals("written-by-packos", Files.readString(dir.resolve("served/new.txt")));
            assertEquals(List.of("new.txt"), list(dir.resolve("served")));
        } finally {
            server.interrupt();
            server.join(10_000);
        }
        assertEquals(1, status.get(), "the server ends only when stopped");
    }

    private static List<String> list(Path d) throws Exception {
        try (var s = Files.list(d)) {
            var names = new ArrayList<String>();
            s.forEach(p -> names.add(p.getFileName().toString()));
            return names;
        }
    }

    /** Stat of the root until the server answers. */
    private static void awaitServer(int port) throws Exception {
        try (var socket = new DatagramSocket()) {
            socket.setSoTimeout(200);
            var request = DumbFsRequest.stat(1, "");
            for (int i = 0; i < 50; i++) {
                socket.send(new DatagramPacket(request, request.length, InetAddress.getByName("127.0.0.1"), port));
                var in = new DatagramPacket(new byte[2048], 2048);
                try {
                    socket.receive(in);
                    var reply = DumbFsReply.check(in.getData(), in.getLength());
                    assertTrue(reply.isDirectory(), "the root is a directory");
                    assertEquals(DumbFs.STAT, reply.command());
                    return;
                } catch (java.net.SocketTimeoutException e) {
                    // not up yet
                }
            }
        }
        throw new AssertionError("packos dumbfs never answered on port " + port);
    }

}
