package packos.bench.files;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import packos.bench.Figure;
import packos.host.linux.HostCommand;

/**
 * The file rows: 9P2000.L against diod, the 9P server of Linux's diod package, in the same run.
 * A PackOS process's 9P client reads a file from diod on the host's loopback and writes one back
 * (through router, driver, card and the user network), against diodcat reading the same file from
 * the same diod; diodcat reads the file from the PackOS file server (through the user network's
 * hostfwd) against from diod; and diodload's getattr loop against both servers. Each PackOS
 * machine runs in a JVM of its own (the {@code packos run} command), as the HTTP rows' does.
 */
public final class FileRates {
    public record Result(Optional<Figure> clientRead, Optional<Figure> clientWrite, Figure diodcatFromDiod, Optional<Figure> diodcatFromPackos,
                         Optional<Figure> getattrPackos, Figure getattrDiod) {}

    private static final Pattern READ = Pattern.compile("\\[copy] read (\\d+) bytes in (\\d+) ns");
    private static final Pattern WROTE = Pattern.compile("\\[copy] wrote (\\d+) bytes in (\\d+) ns");
    private static final Pattern OPS = Pattern.compile("diodload: (\\d+) ops/s");
    private static final String SYSTEM = String.join("\n",
            "process name=pci    program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes",
            "process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 queue=512 daemon=yes after=pci",
            "process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::4 caps=forward queue=512 daemon=yes reports-init=yes after=driver");

    private final PrintStream progress;

    public FileRates(PrintStream progress) { this.progress = progress; }

    /** Why the rows cannot run here, or null if they can. */
    public static String unavailable() {
        for (var tool : List.of("diod", "diodcat", "diodls", "diodload")) if (tool(tool).isEmpty()) return tool + " is not installed (the diod package)";
        return null;
    }

    private static Optional<Path> tool(String name) {
        var found = HostCommand.find(name);
        if (found.isPresent()) return found;
        for (var dir : List.of("/usr/sbin", "/usr/bin")) if (Files.isExecutable(Path.of(dir, name))) return Optional.of(Path.of(dir, name));
        return Optional.empty();
    }

    /** Measures every row with files of {@code bytes}; a PackOS side that fails leaves its row pending. */
    public Result measure(long bytes, Duration load) throws IOException, InterruptedException {
        var dir = Files.createTempDirectory("packos-bench-files");
        var children = new ArrayList<java.lang.Process>();
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            var served = Files.createDirectory(dir.resolve("served"));
            Files.setPosixFilePermissions(served, PosixFilePermissions.fromString("rwxrwxrwx"));
            var big = served.resolve("big.bin");
            var chunk = new byte[1 << 20];
            var random = new Random(1);
            try (var out = Files.newOutputStream(big)) {
                for (long done = 0; done < bytes; done += chunk.length) {
                    random.nextBytes(chunk);
                    out.write(chunk, 0, (int) Math.min(chunk.length, bytes - done));
                }
            }
            Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rw-rw-rw-"));
            int diodPort = freePort();
            // -S serves as nobody, -n without authentication; diod's -l takes no IPv6 literal; -e ctl
            // exports its synthetic ctl tree, whose zero and null diodload uses.
            children.add(start(dir, "diod.log", tool("diod").orElseThrow().toString(), "-f", "-n", "-d", "0", "-S", "-l", "127.0.0.1:" + diodPort, "-e", served.toString(), "-e", "ctl"));
            awaitPort(diodPort);
            var diodcatFromDiod = diodcat(diodPort, served.toString(), "big.bin", bytes);
            progress.println("9P: diodcat from diod " + diodcatFromDiod);
            var getattrDiod = diodload(diodPort, load);
            progress.println("9P: diodload -g against diod " + getattrDiod);

            Optional<Figure> read = Optional.empty();
            Optional<Figure> write = Optional.empty();
            var client = dir.resolve("client.boot");
            Files.writeString(client, "machine cpus=1 clock=real wire=user\nkan queue=256\n" + SYSTEM + "\n"
                    + "process name=copy program=" + NinePTransfer.class.getName() + " mount=/d=9p:[fd00:7e8f::1]:" + diodPort + ",aname=" + served
                    + " arg=/d/big.bin arg=/d/out.bin arg=" + bytes + " after=router queue=512\n");
            var run = packos(dir, "client.log", client.toString(), "--timeout", "600");
            if (!run.waitFor(700, TimeUnit.SECONDS)) run.destroyForcibly();
            var console = Files.readString(dir.resolve("client.log"), StandardCharsets.UTF_8);
            var r = READ.matcher(console);
            var w = WROTE.matcher(console);
            if (r.find() && Long.parseLong(r.group(1)) == bytes) read = Optional.of(Figure.bytesPerSecond(bytes * 1e9 / Long.parseLong(r.group(2))));
            if (w.find()) write = Optional.of(Figure.bytesPerSecond(bytes * 1e9 / Long.parseLong(w.group(2))));
            if (read.isEmpty() || write.isEmpty()) progress.println("9P: the PackOS client's run printed no figures: " + tail(console));
            progress.println("9P: PackOS client read " + read + ", write " + write);

            int serverPort = freePort();
            var server = dir.resolve("server.boot");
            // Addresses in start order: pci ::3, fs ::4, driver ::5, router ::6, as in the fileserver image.
            Files.writeString(server, String.join("\n",
                    "machine cpus=1 clock=real wire=user,hostfwd=tcp:127.0.0.1:" + serverPort + "-fs:564",
                    "kan queue=256",
                    "process name=pci    program=packos.system.pci.PciService caps=device:pci daemon=yes reports-init=yes",
                    "process name=fs     program=packos.system.files.FileServer arg=564 mount=/data=dir:served mount=/ctl=devices",
                    "process name=driver program=packos.system.nic.Rtl8139Driver arg=fd00:7e8e::3 caps=device:00:03.0,irq:11 queue=512 daemon=yes after=pci",
                    "process name=router program=packos.system.router.Router arg=driver=fd00:7e8e::5 caps=forward queue=512 daemon=yes after=driver",
                    ""));
            var machine = packos(dir, "server.log", server.toString(), "--timeout", "900");
            children.add(machine);
            Optional<Figure> fromPackos = Optional.empty();
            Optional<Figure> getattrPackos = Optional.empty();
            if (awaitServer(serverPort, machine)) {
                fromPackos = Optional.of(diodcat(serverPort, "/", "data/big.bin", bytes));
                progress.println("9P: diodcat from the PackOS server " + fromPackos.get());
                getattrPackos = Optional.of(diodload(serverPort, load));
                progress.println("9P: diodload -g against the PackOS server " + getattrPackos.get());
            } else {
                progress.println("9P: the PackOS file server never answered: " + tail(Files.readString(dir.resolve("server.log"))));
            }
            return new Result(read, write, diodcatFromDiod, fromPackos, getattrPackos, getattrDiod);
        } finally {
            for (var c : children) {
                c.destroy();
                if (!c.waitFor(10, TimeUnit.SECONDS)) c.destroyForcibly();
            }
            try (var walk = Files.walk(dir)) {
                for (var p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** The median of three timed diodcat reads of {@code file}, as a byte rate; checks the length. */
    private static Figure diodcat(int port, String aname, String file, long bytes) throws IOException, InterruptedException {
        var rates = new ArrayList<Double>();
        for (int i = 0; i < 3; i++) {
            var command = List.of(tool("diodcat").orElseThrow().toString(), "-s", "127.0.0.1:" + port, "-a", aname, file);
            long start = System.nanoTime();
            var p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long count;
            try (var in = p.getInputStream()) {
                count = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            p.waitFor();
            long took = System.nanoTime() - start;
            if (p.exitValue() != 0 || count != bytes) throw new IOException("diodcat of " + file + " gave " + count + " bytes, status " + p.exitValue());
            rates.add(bytes * 1e9 / took);
        }
        rates.sort(null);
        return Figure.bytesPerSecond(rates.get(1));
    }

    private static Figure diodload(int port, Duration load) throws IOException, InterruptedException {
        var p = new ProcessBuilder(tool("diodload").orElseThrow().toString(), "-s", "127.0.0.1:" + port, "-g", "-r",
                Long.toString(Math.max(1, load.toSeconds())), "-n", "16").redirectErrorStream(true).start();
        var out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        var m = OPS.matcher(out);
        if (!m.find() || out.contains("error")) throw new IOException("diodload -g failed: " + out.strip());
        return Figure.requestsPerSecond(Long.parseLong(m.group(1)));
    }

    private static java.lang.Process packos(Path dir, String log, String... args) throws IOException {
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(java, "-Djdk.virtualThreadScheduler.parallelism=1", "-Xss4m", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "packos.host.Main", "run"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
    }

    private static java.lang.Process start(Path dir, String log, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File(dir.resolve(log).toString())).start();
    }

    private static boolean awaitServer(int port, java.lang.Process machine) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && machine.isAlive()) {
            var ls = HostCommand.run(Duration.ofSeconds(20), List.of(tool("diodls").orElseThrow().toString(), "-s", "127.0.0.1:" + port, "-a", "/", "data"));
            if (ls.ok() && ls.out().contains("big.bin")) return true;
            Thread.sleep(200);
        }
        return false;
    }

    private static void awaitPort(int port) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (var s = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("diod never listened on 127.0.0.1:" + port);
    }

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static String tail(String console) {
        var lines = console.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }
}
