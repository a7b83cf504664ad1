package packos.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import packos.bench.files.FileRates;
import packos.bench.outside.HttpRates;
import packos.bench.outside.TapFrameRate;
import packos.bench.outside.Wrk;

/**
 * {@code packos bench}: measures PackOS's KAN against Linux loopback in one run and prints one
 * comparison table: UDP round trips and streams, TCP bulk streams, and TCP transfers over a lossy
 * KAN in virtual time (which Linux has no counterpart for). Progress goes to standard error, the
 * table to standard output.
 *
 * <pre>
 * packos bench [--quick] [--markdown] [--contexts N] [--files]
 *   --files       only the 9P rows against diod
 *   --quick       a short smoke run (seconds, fewer samples, 1,000 contexts, 10 MB transfers): figures are rough
 *   --markdown    print the table as Markdown instead of plain text
 *   --contexts N  how many idle contexts the crowded ping-pong runs with (default 100,000)
 * </pre>
 */
public final class Main {

    private static final String USAGE = "usage: packos bench [--quick] [--markdown] [--contexts N] [--files]";

    /** How much to measure: the full run or the smoke run. */
    record Plan(LinuxUdpPingPong linuxPingPong, LinuxUdpThroughput linuxStream, int warmupRoundTrips,
                int roundTrips, Duration streamWarmup, Duration streamDuration, int fewContexts, int manyContexts,
                LinuxTcpThroughput linuxBulk, Duration bulkWarmup, Duration bulkDuration, int bulkRepeats,
                long transferBytes, Wrk http, Duration frameWarmup, Duration frameWindow) {

        /**
         * The PackOS bulk stream's setup: the largest page the kernel takes (65,575 bytes, an MSS of
         * 65,515) and 4 MiB buffers. Tried against 9,000 and 16 KiB pages, 1-16 MiB buffers and
         * 64 KiB-1 MiB writes on 2026-11-25: all within the host's run-to-run noise, since per-byte
         * costs (checksums, copies) dominate once segments are large.
         */
        static final TcpBulkSetup BULK = new TcpBulkSetup(65_575, 4 << 20, 256 << 10);
        /** The lossy transfers run on the default KAN (4 KiB pages) with the library's TCP buffers, as a plain boot config would. */
        static final TcpBulkSetup TRANSFER = new TcpBulkSetup(KanMachine.KAN.pageSize(), 0, 64 << 10);
        static final long TRANSFER_SEED = 1;
        static final List<Double> TRANSFER_LOSS_PERCENT = List.of(1.0, 10.0);
        /** The TAP transmit rows' frame sizes: the smallest Ethernet frame (no FCS) and the largest. */
        static final List<Integer> TAP_FRAME_BYTES = List.of(60, 1514);
        /** The TAP receive row's datagrams: the payload of the UDP one-way rows. */
        static final int TAP_UDP_PAYLOAD = 64;

        static Plan full() {
            // The KAN stream needs seconds of warm-up: with half a second, the first boot in a JVM
            // measured a quarter of the steady rate (C2 was still compiling the kernel and library).
            // The TCP streams vary by a third from run to run on this host: three of each, the median.
            return new Plan(LinuxUdpPingPong.defaults(), LinuxUdpThroughput.defaults(), 200_000, 1_000_000,
                    Duration.ofMillis(2_500), Duration.ofSeconds(2), 10, 100_000,
                    LinuxTcpThroughput.defaults(), Duration.ofSeconds(1), Duration.ofSeconds(2), 3, 100_000_000L,
                    new Wrk(1, 8, Duration.ofSeconds(5)), Duration.ofSeconds(1), Duration.ofSeconds(2));
        }

        static Plan quick() {
            return new Plan(new LinuxUdpPingPong(1_000, 5_000, Duration.ofSeconds(30)),
                    new LinuxUdpThroughput(Duration.ofMillis(100), Duration.ofMillis(500), 100_000_000L), 100_000,
                    100_000, Duration.ofSeconds(1), Duration.ofMillis(500), 10, 1_000,
                    new LinuxTcpThroughput(Duration.ofMillis(200), Duration.ofMillis(500), 64 * 1024),
                    Duration.ofMillis(500), Duration.ofMillis(500), 1, 10_000_000L,
                    new Wrk(1, 8, Duration.ofSeconds(2)), Duration.ofMillis(500), Duration.ofSeconds(1));
        }

        Plan withManyContexts(int contexts) {
            return new Plan(linuxPingPong, linuxStream, warmupRoundTrips, roundTrips, streamWarmup, streamDuration,
                    fewContexts, contexts, linuxBulk, bulkWarmup, bulkDuration, bulkRepeats, transferBytes, http,
                    frameWarmup, frameWindow);
        }

        KanPingPong pingPong(int idleContexts) {
            // Boot time grows with the contexts (1-4 ms each on 2026-11-25's code, more on a busy
            // host); the round trips themselves take seconds. Past the budget the row is pending.
            var budget = Duration.ofSeconds(60).plusMillis(6L * idleContexts);
            return new KanPingPong(idleContexts, warmupRoundTrips, roundTrips, budget);
        }

        KanThroughput stream(boolean batch) {
            return new KanThroughput(streamWarmup, streamDuration, batch, Duration.ofSeconds(60));
        }

        KanTcpThroughput bulk() {
            return new KanTcpThroughput(bulkWarmup, bulkDuration, BULK, Duration.ofSeconds(60));
        }

        /** In virtual time; the budget is host time, and 100 MB at 10 % loss took about a second of it. */
        KanTcpTransfer transfer(double lossPercent) {
            return new KanTcpTransfer(transferBytes, lossPercent, TRANSFER, TRANSFER_SEED, Duration.ofSeconds(300));
        }
    }

    public static void main(String[] args) {
        // The carriers `packos run` gives a one-CPU machine: one, and the watchdog's spares, held
        // out of the way as there. Spares left idle cost every handoff a carrier wake-up: the KAN
        // round trip measured 5.7 us instead of about 1 us.
        packos.host.Main.carriersFor(1);
        var plan = Plan.full();
        boolean markdown = false;
        boolean filesOnly = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> plan = Plan.quick().withManyContexts(
                            plan.manyContexts() == Plan.full().manyContexts() ? Plan.quick().manyContexts() : plan.manyContexts());
                    case "--markdown" -> markdown = true;
                    case "--files" -> filesOnly = true;
                    case "--contexts" -> {
                        if (i + 1 >= args.length) throw new IllegalArgumentException("--contexts needs a number");
                        int contexts = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
                        if (contexts < 0) throw new IllegalArgumentException("--contexts must not be negative");
                        plan = plan.withManyContexts(contexts);
                    }
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("packos bench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
        try {
            var run = new Main(System.err);
            var table = filesOnly ? run.measureFiles(plan) : run.measure(plan);
            System.out.print(markdown ? table.toMarkdown() : table.toPlainText());
            System.exit(run.failures == 0 ? 0 : 1);
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("packos bench: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private final PrintStream progress;
    private int failures;

    private Main(PrintStream progress) {
        this.progress = progress;
    }

    /** One PackOS measurement; if it fails, the table still comes out, with that row pending. */
    private interface Measure<T> {
        T run() throws IOException, InterruptedException;
    }

    private <T> Optional<T> attempt(String what, Measure<T> measure) {
        try {
            return Optional.of(measure.run());
        } catch (IOException | RuntimeException e) {
            failures++;
            progress.println("packos bench: " + what + " failed: " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures++;
            progress.println("packos bench: " + what + " was interrupted");
            return Optional.empty();
        }
    }

    /**
     * A measurement this host cannot make (no root, no wrk): its rows are pending, which is not a
     * failure of the run; {@code reason} says why, on standard error.
     */
    private <T> Optional<T> unless(String reason, String what, Measure<T> measure) {
        if (reason != null) {
            progress.println("packos bench: " + what + " pending: " + reason);
            return Optional.empty();
        }
        return attempt(what, measure);
    }

    /** Only the 9P rows (--files): a minute or two instead of the whole run. */
    Table measureFiles(Plan plan) {
        var files = unless(FileRates.unavailable(), "the 9P rows", () -> new FileRates(progress).measure(plan.transferBytes(), plan.http().duration()));
        return new Table(fileRows(files, plan.transferBytes()));
    }

    Table measure(Plan plan) throws IOException, InterruptedException {
        progress.printf(Locale.ROOT, "packos bench: %d host CPUs, virtual-thread parallelism %s, max heap %,d MiB%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("jdk.virtualThreadScheduler.parallelism", "default"),
                Runtime.getRuntime().maxMemory() >> 20);

        var linuxLatency = plan.linuxPingPong().run();
        report(linuxLatency);
        var linuxStream = plan.linuxStream().measure();
        report(linuxStream);
        var linuxBulkRuns = new ArrayList<ThroughputResult>();
        for (int i = 0; i < plan.bulkRepeats(); i++) {
            linuxBulkRuns.add(report(plan.linuxBulk().run()));
        }
        var linuxBulk = medianRate(linuxBulkRuns);

        // The first boot in a JVM runs the kernel and library cold: discard it, so neither side of
        // the instrumentation comparison gets the warm-up.
        attempt("a warm-up round trip", () -> plan.pingPong(0).run());
        var kanBare = attempt("the KAN round trip without instrumentation",
                () -> report(plan.pingPong(0).instrumented(false).run()));
        var kan = attempt("the KAN round trip", () -> report(plan.pingPong(0).run()));
        var kanStream = attempt("the KAN stream", () -> report(plan.stream(false).measure()));
        var kanBatchedBare = attempt("the batched KAN stream without instrumentation",
                () -> report(plan.stream(true).instrumented(false).measure()));
        var kanBatched = attempt("the batched KAN stream", () -> report(plan.stream(true).measure()));
        // A discarded first stream compiles TCP; then off and on take turns, so that drift in the
        // host's speed over the runs falls on both sides alike.
        attempt("a warm-up TCP bulk stream", () -> report(plan.bulk().measure()));
        var bulkBareRuns = new ArrayList<ThroughputResult>();
        var bulkRuns = new ArrayList<ThroughputResult>();
        for (int i = 0; i < plan.bulkRepeats(); i++) {
            attempt("the TCP bulk stream without instrumentation",
                    () -> report(plan.bulk().instrumented(false).measure())).ifPresent(bulkBareRuns::add);
            attempt("the TCP bulk stream", () -> report(plan.bulk().measure())).ifPresent(bulkRuns::add);
        }
        var kanBulkBare = bulkBareRuns.isEmpty() ? Optional.<ThroughputResult>empty() : Optional.of(medianRate(bulkBareRuns));
        var kanBulk = bulkRuns.isEmpty() ? Optional.<ThroughputResult>empty() : Optional.of(medianRate(bulkRuns));
        var transfers = new ArrayList<Optional<KanTcpTransfer.Result>>();
        for (double loss : Plan.TRANSFER_LOSS_PERCENT) {
            var transfer = plan.transfer(loss);
            transfers.add(attempt("the TCP transfer of " + transfer.describe(), () -> report(transfer.run())));
        }
        var outside = measureOutside(plan);
        var files = unless(FileRates.unavailable(), "the 9P rows", () -> new FileRates(progress).measure(plan.transferBytes(), plan.http().duration()));
        var few = attempt("the round trip among " + plan.fewContexts() + " contexts",
                () -> report(plan.pingPong(plan.fewContexts()).run()));
        progress.printf(Locale.ROOT, "booting %,d idle contexts (this can take a while)...%n", plan.manyContexts());
        // Last: after this boot its virtual threads still have to unwind.
        var many = attempt("the round trip among " + plan.manyContexts() + " contexts",
                () -> report(plan.pingPong(plan.manyContexts()).run()));

        var linuxMedian = linuxLatency.median();
        var median = kan.map(r -> r.latency().median());
        var fewMedian = few.map(r -> r.latency().median());
        var linuxRate = linuxStream.received().packetRate();
        var manyTarget = fewMedian.map(f -> Target.bound(Figure.nanos(1.5 * f.value()))).orElse(Target.none());
        var bareMedian = kanBare.map(r -> r.latency().median());
        var protectionTarget = bareMedian.map(b -> Target.bound(Figure.nanos(1.05 * b.value()))).orElse(Target.none());
        var linuxBulkRate = linuxBulk.byteRate();
        var bulkLabel = "TCP bulk, " + Plan.BULK.describe();
        var rows = new ArrayList<>(List.of(
                new Comparison("UDP round trip 64 B, median", median, linuxMedian, Target.bound(Figure.nanos(1_000))),
                new Comparison("UDP round trip 64 B, median, instrumentation off", bareMedian, linuxMedian, Target.none()),
                new Comparison("UDP round trip 64 B, median, instrumentation on (<= 1.05x off)", median, linuxMedian,
                        protectionTarget),
                new Comparison("UDP round trip 64 B, median vs Linux", median, linuxMedian, Target.advantage(20)),
                new Comparison("UDP round trip 64 B, p99", kan.map(r -> r.latency().p99()), linuxLatency.p99(),
                        Target.none()),
                new Comparison("UDP one way 64 B, batched sender", kanBatched.map(d -> d.received().packetRate()),
                        linuxRate, Target.bound(Figure.packetsPerSecond(5e6))),
                new Comparison("UDP one way 64 B, batched, instrumentation off",
                        kanBatchedBare.map(d -> d.received().packetRate()), linuxRate, Target.none()),
                new Comparison("UDP one way 64 B, batched, instrumentation on (>= 0.95x off)",
                        kanBatched.map(d -> d.received().packetRate()), linuxRate,
                        kanBatchedBare.map(d -> Target.bound(Figure.packetsPerSecond(0.95 * d.received().packetRate().value())))
                                .orElse(Target.none())),
                new Comparison("UDP one way 64 B, sender yields per packet",
                        kanStream.map(d -> d.received().packetRate()), linuxRate, Target.none()),
                new Comparison(contexts("UDP round trip, %,d idle contexts, median", plan.fewContexts()), fewMedian,
                        linuxMedian, Target.none()),
                new Comparison(contexts("UDP round trip, %,d idle contexts, median", plan.manyContexts())
                        + contexts(" (<= 1.5x the %,d figure)", plan.fewContexts()),
                        many.map(r -> r.latency().median()), linuxMedian, manyTarget),
                new Comparison(contexts("UDP round trip, %,d idle contexts, p99", plan.manyContexts()),
                        many.map(r -> r.latency().p99()), linuxLatency.p99(), Target.none()),
                new Comparison(bulkLabel, kanBulk.map(ThroughputResult::byteRate), linuxBulkRate, Target.advantage(1)),
                new Comparison("TCP bulk, instrumentation off", kanBulkBare.map(ThroughputResult::byteRate),
                        linuxBulkRate, Target.none()),
                new Comparison("TCP bulk, instrumentation on (>= 0.95x off)", kanBulk.map(ThroughputResult::byteRate),
                        linuxBulkRate, kanBulkBare.map(b -> Target.bound(Figure.bytesPerSecond(0.95 * b.bytesPerSecond())))
                                .orElse(Target.none()))));
        for (int i = 0; i < transfers.size(); i++) {
            var transfer = plan.transfer(Plan.TRANSFER_LOSS_PERCENT.get(i));
            var result = transfers.get(i);
            var label = "TCP " + transfer.describe() + ", " + TcpBulkSetup.size(Plan.TRANSFER.pageSize()) + " MTU, ";
            rows.add(Comparison.alone(label + "virtual time", result.map(KanTcpTransfer.Result::virtualTime), Target.none()));
            rows.add(Comparison.alone(label + "wall time to simulate", result.map(KanTcpTransfer.Result::wallTime),
                    Target.none()));
        }
        rows.addAll(outside.rows(linuxRate));
        rows.addAll(fileRows(files, plan.transferBytes()));
        return new Table(rows);
    }

    /** The 9P rows: each PackOS figure against diod's in the same run; all pending when diod is missing. */
    static List<Comparison> fileRows(Optional<FileRates.Result> files, long bytes) {
        var size = bytes / 1_000_000 + " MB";
        var none = Optional.<Figure>empty();
        // A 1x target needs diod's figure; without diod every row is pending.
        var target = files.isPresent() ? Target.advantage(1) : Target.none();
        return List.of(
                new Comparison("9P read " + size + " from diod: PackOS 9P client vs diodcat", files.flatMap(FileRates.Result::clientRead),
                        files.map(FileRates.Result::diodcatFromDiod), target),
                new Comparison("9P write " + size + " to diod: PackOS 9P client vs diodcat's read", files.flatMap(FileRates.Result::clientWrite),
                        files.map(FileRates.Result::diodcatFromDiod), target),
                new Comparison("9P read " + size + " by diodcat: PackOS file server (user hostfwd) vs diod",
                        files.flatMap(FileRates.Result::diodcatFromPackos), files.map(FileRates.Result::diodcatFromDiod), target),
                new Comparison("9P getattr/s, diodload -g -n 16: PackOS file server (user hostfwd) vs diod",
                        files.isEmpty() ? none : files.get().getattrPackos(), files.map(FileRates.Result::getattrDiod), target));
    }

    /** What the outside-world rows measured; an empty figure is a pending row. */
    record Outside(String page, Optional<Figure> jdk, Optional<Figure> user, Optional<Figure> tap,
                   List<Optional<ThroughputResult>> transmits, Optional<ThroughputResult> receive) {

        List<Comparison> rows(Figure linuxUdpRate) {
            var rows = new ArrayList<Comparison>();
            rows.add(new Comparison("HTTP " + page + ", httpd via user hostfwd vs JDK HttpServer [::1]", user, jdk,
                    Target.none()));
            rows.add(new Comparison("HTTP " + page + ", httpd via TAP vs JDK HttpServer [::1]", tap, jdk, Target.none()));
            for (int i = 0; i < transmits.size(); i++) {
                rows.add(new Comparison("TAP frames out (PackOS -> Linux), " + Plan.TAP_FRAME_BYTES.get(i)
                        + " B, vs Linux UDP one way 64 B [::1]", transmits.get(i).map(ThroughputResult::packetRate),
                        linuxUdpRate, Target.none()));
            }
            rows.add(new Comparison("TAP frames in (Linux -> PackOS), UDP " + Plan.TAP_UDP_PAYLOAD
                    + " B, vs Linux UDP one way 64 B [::1]", receive.map(ThroughputResult::packetRate), linuxUdpRate,
                    Target.none()));
            return rows;
        }
    }

    /**
     * wrk against httpd through the user network and through TAP and against the JDK's server,
     * then the TAP backend's frame rates each way. Rows this host cannot measure are pending.
     */
    private Outside measureOutside(Plan plan) throws InterruptedException {
        var http = attempt("reading the page for the HTTP rows", () -> new HttpRates(plan.http(), progress));
        String page = http.map(HttpRates::describe).orElse(HttpRates.PAGE + ", " + plan.http().describe());
        String httpMissing = http.isEmpty() ? "the page is missing" : HttpRates.unavailable();
        String tapMissing = TapFrameRate.unavailable();
        var jdk = unless(httpMissing, "the JDK HTTP server row", () -> http.get().jdk());
        var user = unless(httpMissing, "httpd through user hostfwd", () -> http.get().userHostfwd());
        var tap = unless(httpMissing != null ? httpMissing : tapMissing, "httpd through TAP", () -> http.get().tap());
        var transmits = new ArrayList<Optional<ThroughputResult>>();
        Optional<ThroughputResult> receive = Optional.empty();
        var frames = unless(tapMissing, "the TAP frame rates", () -> TapFrameRate.open(progress));
        try {
            for (int bytes : Plan.TAP_FRAME_BYTES) {
                transmits.add(frames.isEmpty() ? Optional.empty() : attempt("the TAP transmit rate, " + bytes + " B",
                        () -> frames.get().transmit(bytes, plan.frameWarmup(), plan.frameWindow())));
            }
            if (frames.isPresent()) {
                receive = attempt("the TAP receive rate", () -> frames.get().receive(Plan.TAP_UDP_PAYLOAD,
                        plan.frameWarmup(), plan.frameWindow()));
            }
        } finally {
            frames.ifPresent(TapFrameRate::close);
        }
        return new Outside(page, rate(jdk), rate(user), rate(tap), transmits, receive);
    }

    private static Optional<Figure> rate(Optional<Wrk.Result> result) {
        return result.map(r -> Figure.requestsPerSecond(r.requestsPerSecond()));
    }

    /** The run whose rate is the median of {@code runs} (the lower middle one of an even count). */
    static ThroughputResult medianRate(List<ThroughputResult> runs) {
        var sorted = runs.stream().sorted(Comparator.comparingDouble(ThroughputResult::bytesPerSecond)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static String contexts(String format, int count) {
        return String.format(Locale.ROOT, format, count);
    }

    private LatencyResult report(LatencyResult latency) {
        progress.printf(Locale.ROOT, "%s: %,d round trips, median %s, p99 %s, mean %s%n", latency.name(),
                latency.samples(), latency.median(), latency.p99(), latency.mean());
        return latency;
    }

    private KanPingPong.Result report(KanPingPong.Result result) {
        report(result.latency());
        progress.printf(Locale.ROOT, "  (every context had started after %.2f s; the boot took %.2f s in all)%n",
                result.startupSeconds(), result.bootSeconds());
        return result;
    }

    private ThroughputResult report(ThroughputResult stream) {
        progress.printf(Locale.ROOT, "%s: %,d bytes in %.3f s = %s%n", stream.name(), stream.bytes(), stream.seconds(),
                stream.byteRate());
        return stream;
    }

    private KanTcpTransfer.Result report(KanTcpTransfer.Result transfer) {
        progress.printf(Locale.ROOT, "%s: %,d bytes, byte-exact, in %.3f s of virtual time, simulated in %.2f s;"
                + " %,d packets lost; sender %s%n", transfer.name(), transfer.bytes(), transfer.virtualSeconds(),
                transfer.wallSeconds(), transfer.lost(), transfer.counters());
        return transfer;
    }

    private UdpDelivery report(UdpDelivery delivery) {
        var received = delivery.received();
        progress.printf(Locale.ROOT, "%s: %,d of %,d datagrams received (%.2f %% lost) in %.3f s = %s, %s%n",
                received.name(), received.packets(), delivery.sent(), delivery.lossRatio() * 100,
                received.seconds(), received.packetRate(), received.byteRate());
        return delivery;
    }
}
