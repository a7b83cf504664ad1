package packos.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code packos bench}: measures PackOS's KAN against Linux loopback in one run and prints one
 * comparison table. Progress goes to standard error, the table to standard output.
 *
 * <pre>
 * packos bench [--quick] [--markdown] [--contexts N]
 *   --quick       a short smoke run (seconds, fewer samples, 1,000 contexts): figures are rough
 *   --markdown    print the table as Markdown instead of plain text
 *   --contexts N  how many idle contexts the crowded ping-pong runs with (default 100,000)
 * </pre>
 */
public final class Main {

    private static final String USAGE = "usage: packos bench [--quick] [--markdown] [--contexts N]";

    /** How much to measure: the full run or the smoke run. */
    record Plan(LinuxUdpPingPong linuxPingPong, LinuxUdpThroughput linuxStream, int warmupRoundTrips,
                int roundTrips, Duration streamWarmup, Duration streamDuration, int fewContexts, int manyContexts) {

        static Plan full() {
            return new Plan(LinuxUdpPingPong.defaults(), LinuxUdpThroughput.defaults(), 200_000, 1_000_000,
                    Duration.ofMillis(500), Duration.ofSeconds(2), 10, 100_000);
        }

        static Plan quick() {
            return new Plan(new LinuxUdpPingPong(1_000, 5_000, Duration.ofSeconds(30)),
                    new LinuxUdpThroughput(Duration.ofMillis(100), Duration.ofMillis(500), 100_000_000L), 20_000,
                    100_000, Duration.ofMillis(100), Duration.ofMillis(500), 10, 1_000);
        }

        Plan withManyContexts(int contexts) {
            return new Plan(linuxPingPong, linuxStream, warmupRoundTrips, roundTrips, streamWarmup, streamDuration,
                    fewContexts, contexts);
        }

        KanPingPong pingPong(int idleContexts) {
            // Boot time grows with the contexts; the round trips themselves take seconds.
            var budget = Duration.ofSeconds(60).plusMillis(idleContexts / 200L);
            return new KanPingPong(idleContexts, warmupRoundTrips, roundTrips, budget);
        }

        KanThroughput stream(boolean batch) {
            return new KanThroughput(streamWarmup, streamDuration, batch, Duration.ofSeconds(60));
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        var plan = Plan.full();
        boolean markdown = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> plan = Plan.quick().withManyContexts(
                            plan.manyContexts() == Plan.full().manyContexts() ? Plan.quick().manyContexts() : plan.manyContexts());
                    case "--markdown" -> markdown = true;
                    case "--contexts" -> plan = plan.withManyContexts(Integer.parseInt(args[++i].replace("_", "").replace(",", "")));
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
            var table = measure(plan, System.err);
            System.out.print(markdown ? table.toMarkdown() : table.toPlainText());
            System.exit(0);
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.err.println("packos bench: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    static Table measure(Plan plan, PrintStream progress) throws IOException, InterruptedException {
        progress.printf(Locale.ROOT, "packos bench: %d host CPUs, virtual-thread parallelism %s, max heap %,d MiB%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("jdk.virtualThreadScheduler.parallelism", "default"),
                Runtime.getRuntime().maxMemory() >> 20);

        var linuxLatency = plan.linuxPingPong().run();
        report(progress, linuxLatency);
        var linuxStream = plan.linuxStream().measure();
        report(progress, linuxStream);

        var kan = plan.pingPong(0).run();
        report(progress, kan);
        var kanStream = plan.stream(false).measure();
        report(progress, kanStream);
        var kanBatched = plan.stream(true).measure();
        report(progress, kanBatched);
        var few = plan.pingPong(plan.fewContexts()).run();
        report(progress, few);
        progress.printf(Locale.ROOT, "booting %,d idle contexts (this can take a while)...%n", plan.manyContexts());
        // Last: after this boot its virtual threads still have to unwind.
        var many = plan.pingPong(plan.manyContexts()).run();
        report(progress, many);

        var linuxMedian = linuxLatency.median();
        var median = kan.latency().median();
        var fewMedian = few.latency().median();
        var linuxRate = linuxStream.received().packetRate();
        return Table.of(
                Comparison.of("UDP round trip 64 B, median", median, linuxMedian, Target.bound(Figure.nanos(1_000))),
                Comparison.of("UDP round trip 64 B, median vs Linux", median, linuxMedian, Target.advantage(20)),
                Comparison.of("UDP round trip 64 B, p99", kan.latency().p99(), linuxLatency.p99(), Target.none()),
                Comparison.of("UDP one way 64 B, batched sender", kanBatched.received().packetRate(), linuxRate,
                        Target.bound(Figure.packetsPerSecond(5e6))),
                Comparison.of("UDP one way 64 B, sender yields per packet", kanStream.received().packetRate(), linuxRate,
                        Target.none()),
                Comparison.of(contexts("UDP round trip, %,d idle contexts, median", plan.fewContexts()), fewMedian,
                        linuxMedian, Target.none()),
                Comparison.of(contexts("UDP round trip, %,d idle contexts, median", plan.manyContexts())
                                + contexts(" (<= 1.5x the %,d figure)", plan.fewContexts()),
                        many.latency().median(), linuxMedian, Target.bound(Figure.nanos(1.5 * fewMedian.value()))),
                Comparison.of(contexts("UDP round trip, %,d idle contexts, p99", plan.manyContexts()),
                        many.latency().p99(), linuxLatency.p99(), Target.none()));
    }

    private static String contexts(String format, int count) {
        return String.format(Locale.ROOT, format, count);
    }

    private static void report(PrintStream out, LatencyResult latency) {
        out.printf(Locale.ROOT, "%s: %,d round trips, median %s, p99 %s, mean %s%n", latency.name(),
                latency.samples(), latency.median(), latency.p99(), latency.mean());
    }

    private static void report(PrintStream out, KanPingPong.Result result) {
        report(out, result.latency());
        out.printf(Locale.ROOT, "  (every context started after %.2f s; the boot took %.2f s in all)%n",
                result.startupSeconds(), result.bootSeconds());
    }

    private static void report(PrintStream out, UdpDelivery delivery) {
        var received = delivery.received();
        out.printf(Locale.ROOT, "%s: %,d of %,d datagrams received (%.2f %% lost) in %.3f s = %s, %s%n",
                received.name(), received.packets(), delivery.sent(), delivery.lossRatio() * 100,
                received.seconds(), received.packetRate(), received.byteRate());
    }
}
