package packos.host.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code packos run ...} as a separate JVM, the way a user runs it: its own process, its own TAP
 * device or host ports, its console read line by line as it prints. A test waits for lines
 * ("listening"), talks to PackOS from Linux, and stops it. The JVM gets the test's class path, so
 * it runs exactly the code under test.
 */
public final class PackosProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private PackosProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("packos-console").start(this::readConsole);
    }

    /** Starts {@code packos ARGS...} (for example {@code run my.boot --wire tap:X}). */
    public static PackosProcess start(String... args) throws IOException { return startWith(List.of(), args); }

    /** The same, with more options for the JVM (a host's locale: {@code -Duser.language=tr}). */
    public static PackosProcess startWith(List<String> jvmOptions, String... args) throws IOException {
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of(java, "-Xss4m", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "packos.host.Main"));
        command.addAll(List.of(args));
        return new PackosProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private void readConsole() {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (lines) {
                lines.add("(console read failed: " + e + ")");
            }
        } finally {
            synchronized (lines) {
                lines.notifyAll();
            }
        }
    }

    /** Waits until a console line matches; fails with the whole console if none does in time or PackOS ends first. */
    public String awaitLine(Predicate<String> wanted, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) if (wanted.test(lines.get(seen))) return lines.get(seen);
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new AssertionError((process.isAlive() ? "no such line in " + limit : "PackOS ended (status "
                            + process.exitValue() + ")") + " waiting for a console line; console:\n" + console());
                }
                try {
                    lines.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    public String awaitLineContaining(String text, Duration limit) { return awaitLine(l -> l.contains(text), limit); }

    /** Everything printed so far. */
    public String console() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    public boolean isAlive() { return process.isAlive(); }

    /** Waits for PackOS to end by itself; its exit status, or -1 if it had to be killed at the limit. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            reader.join(5_000);
            return process.exitValue();
        }
        close();
        return -1;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
