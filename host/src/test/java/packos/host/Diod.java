package packos.host;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import packos.host.linux.HostCommand;

/**
 * The diod package's 9P2000.L server and its user-space clients (diodcat, diodls, diodload): real
 * 9P peers that nobody here wrote. Tests that need them skip, saying so, when they are missing
 * (CI installs the package).
 */
final class Diod implements AutoCloseable {
    private final Process process;
    final int port;

    private Diod(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Optional<Path> tool(String name) {
        var found = HostCommand.find(name);
        if (found.isPresent()) return found;
        for (var dir : List.of("/usr/sbin", "/usr/bin")) if (Files.isExecutable(Path.of(dir, name))) return Optional.of(Path.of(dir, name));
        return Optional.empty();
    }

    static void assumeInstalled(String... tools) {
        for (var t : tools) {
            Assumptions.assumeTrue(tool(t).isPresent(), t + " is not installed (the diod package: CI installs it), so 9P cannot be checked against a real peer");
        }
    }

    static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** diod serving {@code dir} on 127.0.0.1 (its -l takes no IPv6 literal), no authentication, every user squashed to ours. */
    static Diod serve(Path dir) throws Exception { return serve(dir, freePort()); }

    /** As {@link #serve(Path)}, on a given port (a restart on the port a client knows). */
    static Diod serve(Path dir, int port) throws Exception {
        assumeInstalled("diod");
        var p = new ProcessBuilder(tool("diod").orElseThrow().toString(), "-f", "-n", "-d", "0", "-S", "-l", "127.0.0.1:" + port, "-e", dir.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.getParent().resolve("diod-" + port + ".log").toFile())).start();
        var diod = new Diod(p, port);
        for (int i = 0; i < 100; i++) {
            try (var s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
                return diod;
            } catch (IOException notYet) {
                if (!p.isAlive()) break;
                Thread.sleep(50);
            }
        }
        diod.close();
        throw new AssertionError("diod did not start listening on 127.0.0.1:" + port);
    }

    /** Runs a diod client tool; its standard output and error together, and its exit status. */
    record Result(int status, String out) {}

    static Result run(String tool, String... args) throws Exception {
        assumeInstalled(tool);
        var command = new ArrayList<String>();
        command.add(tool(tool).orElseThrow().toString());
        command.addAll(List.of(args));
        var p = new ProcessBuilder(command).redirectErrorStream(true).start();
        var out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(tool + " did not end");
        }
        return new Result(p.exitValue(), out);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
