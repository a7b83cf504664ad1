package packos.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Measures the Linux loopback baselines alone and prints them, with the table's PackOS side
 * pending: for looking at Linux without booting anything. {@link Main} runs both sides.
 *
 * <p>Arguments, both optional: recorded round trips (default 20000), seconds of one-way
 * streaming (default 2).
 */
public final class LinuxBaselines {

    private LinuxBaselines() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        var pingPong = LinuxUdpPingPong.defaults();
        var stream = LinuxUdpThroughput.defaults();
        if (args.length > 0) {
            pingPong = pingPong.withRoundTrips(Integer.parseInt(args[0]));
        }
        if (args.length > 1) {
            stream = stream.withDuration(Duration.ofMillis(Math.round(Double.parseDouble(args[1]) * 1000)));
        }
        var out = System.out;
        out.println("Linux loopback baselines: [::1], 64-byte UDP payloads, Java platform threads, "
                + Runtime.getRuntime().availableProcessors() + " CPUs");

        var latency = pingPong.run();
        print(out, latency);
        var delivery = stream.measure();
        print(out, delivery);

        out.println();
        var table = Table.of(
                Comparison.pending("UDP round trip, median", latency.median(), Target.none()),
                Comparison.pending("UDP round trip, p99", latency.p99(), Target.none()),
                Comparison.pending("UDP one way 64 B, packets", delivery.received().packetRate(), Target.none()),
                Comparison.pending("UDP one way 64 B, bytes", delivery.received().byteRate(), Target.none()));
        out.print(table.toPlainText());
        out.println();
        out.print(table.toMarkdown());
    }

    private static void print(PrintStream out, LatencyResult latency) {
        out.printf(Locale.ROOT, "%s: %,d round trips, median %s, p99 %s, mean %s%n", latency.name(),
                latency.samples(), latency.median(), latency.p99(), latency.mean());
    }

    private static void print(PrintStream out, UdpDelivery delivery) {
        var received = delivery.received();
        out.printf(Locale.ROOT, "%s: %,d of %,d datagrams received (%.2f %% lost) in %.3f s = %s, %s%n",
                received.name(), received.packets(), delivery.sent(), delivery.lossRatio() * 100,
                received.seconds(), received.packetRate(), received.byteRate());
    }
}
