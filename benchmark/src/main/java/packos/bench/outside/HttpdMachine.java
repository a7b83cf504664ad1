package packos.bench.outside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import packos.host.Boot;
import packos.host.config.BootConfigException;
import packos.host.config.BootConfigParser;
import packos.kernel.ProgramLoader;

/**
 * The default image's web server without its check client, booted in a JVM of its own with its
 * card on one wire: the PackOS side of the HTTP rows. A child JVM, so that the load wrk puts on it
 * runs apart from the harness, and stopping it (its TAP device or host port with it) is one kill.
 *
 * <p>{@link #main} is the child: {@code HttpdMachine WIRE} boots {@link #config} until killed.
 */
public final class HttpdMachine implements AutoCloseable {
    /** The server's KAN address: pci is ::3, server ::4 (httpd.boot's order). */
    static final String SERVER = "fd00:7e8e::4";

    private final Process process;
    private final Path console;

    private HttpdMachine(Process process, Path console) {
        this.process = process;
        this.console = console;
    }

    /**
     * httpd.boot's pci, server, driver and router on the real clock, the card on {@code wire}
     * (a wire spec as {@code machine wire=} takes it).
     */
    static String config(String wire) {
        if (wire.isBlank() || wire.chars().anyMatch(c -> c == '"' || c == '#' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("wire spec " + wire + " must be one word without quotes or '#'");
        }
        return """
                image   name=bench-httpd codefs=httpd description="httpd behind the router, for wrk"
                machine cpus=1 clock=real hz=100 wire=%s
                kan     queue=256
                process name=pci    program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes
                process name=server program=packos.samples.httpd.Httpd reports-init=yes
                process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 queue=512 daemon=yes after=pci restart=on-failure
                process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::5 caps=forward queue=512 daemon=yes after=driver restart=on-failure
                """.formatted(wire);
    }

    public static void main(String[] args) throws IOException, BootConfigException, ProgramLoader.ProgramLoadException {
        if (args.length != 1) {
            System.err.println("usage: HttpdMachine WIRE");
            System.exit(2);
        }
        var config = BootConfigParser.parse("bench-httpd.boot", config(args[0]));
        var outcome = Boot.run(config, Boot.Options.none(), System.out, HttpdMachine.class.getClassLoader());
        System.exit(outcome.status());
    }

    /** Starts the child JVM, its console going to a temporary file. */
    static HttpdMachine start(String wire) throws IOException {
        config(wire);  // refuses a bad spec here, not in the child
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = List.of(java, "-Djdk.virtualThreadScheduler.parallelism=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), HttpdMachine.class.getName(), wire);
        var console = Files.createTempFile("packos-bench-httpd", ".log");
        try {
            var process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
            return new HttpdMachine(process, console);
        } catch (IOException e) {
            Files.deleteIfExists(console);
            throw e;
        }
    }

    /**
     * Polls {@code url} with curl (inside namespace {@code netns} when not null) until it answers
     * 200: the server listens, and the driver and router pass frames.
     */
    void awaitReady(Namespace netns, String url, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> curl = List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", url);
        var command = netns == null ? curl : netns.inside(curl);
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException("the PackOS machine ended (status " + process.exitValue() + "): " + tail());
            var result = LinuxCommand.run(Duration.ofSeconds(10), command);
            last = result.out().strip();
            if (result.status() == 0 && last.equals("200")) return;
            Thread.sleep(200);
        }
        throw new IOException(url + " never answered 200 in " + limit + " (last: " + (last.isEmpty() ? "no answer" : last)
                + "); console: " + tail());
    }

    /** The last lines of the machine's console, for error messages. */
    String tail() {
        try {
            var lines = Files.readAllLines(console, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(console unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(console);
        } catch (IOException e) {
            // a temporary file; nothing to do
        }
    }
}
