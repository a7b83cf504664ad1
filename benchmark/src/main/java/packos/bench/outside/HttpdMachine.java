package packos.bench.outside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import packos.host.Boot;
import packos.host.config.BootConfigException;
import packos.host.config.BootConfigParser;
import packos.host.config.ClockMode;
import packos.host.config.ProcessSpec;
import packos.kernel.ProgramLoader;
import packos.host.linux.HostCommand;

/**
 * The default image (httpd.boot) without its check client, booted in a JVM of its own with its
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

    /** The default image, whose processes and settings the benchmark boots, so the two never drift apart. */
    private static final String IMAGE = "packos/images/httpd.boot";
    /** httpd.boot's processes less its check client, in its order (so the server is ::4). */
    static final List<String> PROCESSES = List.of("pci", "server", "driver", "router");
    private static final Pattern CHECK_CLIENT = Pattern.compile("process\\s+name=check\\b.*");
    private static final Pattern MACHINE_WIRE = Pattern.compile("(machine\\s.*\\bwire=)\\S+(.*)");

    /**
     * httpd.boot's text without its check client, the card on {@code wire} (a wire spec as
     * {@code machine wire=} takes it), checked: its processes are {@link #PROCESSES} on the real clock.
     *
     * @throws IOException if httpd.boot is missing or no longer has that shape
     */
    static String config(String wire) throws IOException {
        if (wire.isBlank() || wire.chars().anyMatch(c -> c == '"' || c == '#' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("wire spec " + wire + " must be one word without quotes or '#'");
        }
        String image;
        try (var in = HttpdMachine.class.getClassLoader().getResourceAsStream(IMAGE)) {
            if (in == null) throw new IOException("no " + IMAGE + " on the class path (the samples jar)");
            image = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var lines = new StringBuilder();
        boolean wired = false;
        for (var line : image.split("\n")) {
            if (CHECK_CLIENT.matcher(line.strip()).matches()) continue;
            var machine = MACHINE_WIRE.matcher(line.strip());
            if (machine.matches()) {
                line = machine.group(1) + wire + machine.group(2);
                wired = true;
            }
            lines.append(line).append('\n');
        }
        var text = lines.toString();
        try {
            var config = BootConfigParser.parse("bench-httpd.boot", text);
            var names = config.processes().stream().map(ProcessSpec::name).toList();
            if (!wired || !names.equals(PROCESSES) || config.machine().clock() != ClockMode.REAL) {
                throw new IOException(IMAGE + " has changed shape: expected processes " + PROCESSES + " besides check,"
                        + " clock=real and a machine wire=, found " + names + ", clock " + config.machine().clock()
                        + (wired ? "" : ", no wire="));
            }
        } catch (BootConfigException e) {
            throw new IOException(IMAGE + " less its check client with wire=" + wire + ": " + e.getMessage(), e);
        }
        return text;
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
        var command = List.of(java, "-Djdk.virtualThreadScheduler.parallelism=" + (1 + packos.kernel.Kernel.SPARE_CARRIERS),
                "-Dpackos.spareCarriers=" + packos.kernel.Kernel.SPARE_CARRIERS,
                "-Xss4m", "--enable-native-access=ALL-UNNAMED",
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
            var result = HostCommand.run(Duration.ofSeconds(10), command);
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
