package packos.host;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import packos.host.config.BootConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code packos soak}: runs an image for a long stretch and checks that nothing wears out. No
 * process may fault, and the JVM's heap after its collections must stay flat: the least of the
 * last quarter of the samples no more than half again (and 16 MiB) above the least of the second
 * quarter (the first is the machine warming up). By default the {@code soak} image in virtual time (ten hours of machine time of web
 * requests); with {@code --wrk MINUTES} the default image in real time under {@code wrk} against
 * its host port.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Run an image for a long stretch and check that no process faults and the host heap stays flat. Exit status 0 when both hold.")
final class SoakCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE", description = "sample name or config file (default: soak, or httpd with --wrk)")
    String image;

    @Option(names = "--wrk", paramLabel = "MINUTES", description = "run the image in real time for MINUTES under wrk against http://localhost:8080/")
    Integer wrkMinutes;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "host time after which the soak fails (default: 6 hours)")
    long timeoutSeconds = 6 * 3600;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (wrkMinutes != null && wrkMinutes < 1) {
            err.println("packos soak: --wrk needs at least 1 minute, not " + wrkMinutes);
            return 2;
        }
        if (timeoutSeconds < 1) {
            err.println("packos soak: --timeout must be positive");
            return 2;
        }
        String name = image != null ? image : wrkMinutes != null ? Images.DEFAULT : "soak";
        BootConfig config;
        try {
            config = new Images(Main.class.getClassLoader()).load(name);
        } catch (Exception e) {
            err.println("packos soak: " + e.getMessage());
            return 2;
        }
        Main.carriersFor(config.machine().cpus());
        long timeoutMillis = wrkMinutes != null ? TimeUnit.MINUTES.toMillis(wrkMinutes) + 30_000 : TimeUnit.SECONDS.toMillis(timeoutSeconds);
        return soak(config, wrkMinutes, timeoutMillis, System.out);
    }

    /**
     * Runs {@code config} (under wrk for {@code wrkMinutes} when not null) and prints the verdict
     * to {@code out}: 0 when no process faulted, the run ended as it should and the heap stayed flat.
     */
    static int soak(BootConfig config, Integer wrkMinutes, long timeoutMillis, PrintStream out) throws Exception {
        var heap = new HeapAfterCollections();
        var console = new FaultLines(out);
        Thread load = wrkMinutes != null ? Thread.ofPlatform().name("packos-soak-wrk").start(() -> wrk(wrkMinutes)) : null;
        Boot.Outcome outcome;
        try {
            outcome = Boot.run(config, new Boot.Options(null, null, timeoutMillis), console.stream(), ProgramCode.builtIn(Main.class.getClassLoader()));
        } finally {
            heap.close();
        }
        if (load != null) load.join();
        // Under wrk the machine runs until the timeout stops it: that is how a real-time soak ends.
        boolean ended = wrkMinutes != null ? outcome.status() == 124 : outcome.status() == 0;
        var samples = heap.samples();
        out.printf("packos soak: %s, %d fault lines, %d heap samples after collections%s%n", ended ? "ran to its end" : "ended with status " + outcome.status(),
                console.faults(), samples.size(), samples.isEmpty() ? "" : ": " + heap.summary());
        boolean flat = heap.flat();
        boolean ok = ended && console.faults() == 0 && flat;
        out.println("packos soak: " + (ok && heap.judged() ? "nothing wore out"
                : ok ? "no process faulted (" + samples.size() + " collections are too few to judge the heap: a longer run is still warming up)" : "FAILED"
                + (console.faults() > 0 ? " (a process faulted)" : "") + (flat ? "" : " (the heap grew)") + (ended ? "" : " (the run did not end as it should)")));
        return ok ? 0 : 1;
    }

    private static void wrk(int minutes) {
        try {
            Thread.sleep(5_000);  // the image boots and the user network listens
            var p = new ProcessBuilder("wrk", "-t2", "-c16", "-d" + minutes + "m", "http://localhost:8080/").inheritIO().start();
            p.waitFor();
        } catch (Exception e) {
            System.err.println("packos soak: wrk could not run: " + e.getMessage());
        }
    }

    /** The console, passed on, with the lines that say a process faulted counted. */
    static final class FaultLines {
        private final PrintStream passOn;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private int faults;

        FaultLines(PrintStream passOn) { this.passOn = passOn; }

        synchronized int faults() { return faults; }

        PrintStream stream() {
            return new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    synchronized (FaultLines.this) {
                        passOn.write(b);
                        if (b != '\n') {
                            line.write(b);
                            return;
                        }
                        if (line.toString(StandardCharsets.UTF_8).contains(" faulted")) faults++;
                        line.reset();
                    }
                }
            }, true, StandardCharsets.UTF_8);
        }
    }

    /** The heap in use after each collection, as the collectors report it. */
    static final class HeapAfterCollections implements AutoCloseable {
        private final List<Long> samples = new ArrayList<>();
        private final List<NotificationEmitter> emitters = new ArrayList<>();
        private final NotificationListener listener = (n, handback) -> {
            if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) return;
            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long used = 0;
            for (var u : info.getGcInfo().getMemoryUsageAfterGc().values()) used += u.getUsed();
            synchronized (samples) {
                samples.add(used);
            }
        };

        HeapAfterCollections() {
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter e) {
                    e.addNotificationListener(listener, null, null);
                    emitters.add(e);
                }
            }
        }

        List<Long> samples() {
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }

        private static long leastOf(List<Long> s) { return s.stream().mapToLong(Long::longValue).min().orElse(0); }

        /**
         * Flat: the least of the last quarter within half again, and 16 MiB, of the least of the
         * second. The first quarter is the machine warming up: the packet pool's pages, the
         * connections in TIME-WAIT, the classes and the JIT's code come then and stay.
         */
        /** Collections needed before the heap is judged: a short run is still warming up. */
        static final int TO_JUDGE = 40;

        boolean judged() { return samples().size() >= TO_JUDGE; }

        boolean flat() {
            var s = samples();
            if (s.size() < TO_JUDGE) return true;
            int q = s.size() / 4;
            long settled = leastOf(s.subList(q, 2 * q)), last = leastOf(s.subList(s.size() - q, s.size()));
            return last <= settled + settled / 2 + (16L << 20);
        }

        String summary() {
            var s = samples();
            int q = Math.max(1, s.size() / 4);
            return String.format("least of the second quarter %d MiB, of the last quarter %d MiB, most %d MiB",
                    leastOf(s.subList(Math.min(q, s.size() - 1), Math.min(2 * q, s.size()))) >> 20, leastOf(s.subList(s.size() - q, s.size())) >> 20,
                    s.stream().mapToLong(Long::longValue).max().orElse(0) >> 20);
        }

        @Override
        public void close() {
            for (var e : emitters) {
                try {
                    e.removeNotificationListener(listener);
                } catch (Exception ignored) {
                    // already gone
                }
            }
        }
    }
}
