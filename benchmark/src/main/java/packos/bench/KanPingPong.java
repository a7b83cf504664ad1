package packos.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import packos.bench.kan.Idle;
import packos.bench.kan.PingClient;
import packos.bench.kan.PingServer;
import packos.host.config.ProcessSpec;

/**
 * The KAN's UDP round trip: two PackOS processes, a 64-byte datagram through the library's
 * sockets ({@code UdpSocket.send} and {@code receive}), one in flight at a time, while
 * {@code idleContexts} other processes sit blocked in receive.
 *
 * <p>The idle processes come first in the boot order, so the scheduler has started every one
 * of them (each ran until it blocked) before the client sends its first datagram.
 */
public record KanPingPong(int idleContexts, int warmupRoundTrips, int roundTrips, Duration budget, boolean instrumented) {

    public KanPingPong(int idleContexts, int warmupRoundTrips, int roundTrips, Duration budget) {
        this(idleContexts, warmupRoundTrips, roundTrips, budget, true);
    }

    /** The same run with program instrumentation (preemption points, heap metering) on or off. */
    public KanPingPong instrumented(boolean on) {
        return new KanPingPong(idleContexts, warmupRoundTrips, roundTrips, budget, on);
    }

    private static final Pattern REPORT = Pattern.compile(
            "pingpong trips=(\\d+) median=([0-9.]+) p99=([0-9.]+) mean=([0-9.]+) started=(\\d+)");

    public KanPingPong {
        Objects.requireNonNull(budget, "budget");
        if (idleContexts < 0 || warmupRoundTrips < 0 || roundTrips < 1) {
            throw new IllegalArgumentException("bad ping-pong: " + idleContexts + " idle, " + warmupRoundTrips + " + "
                    + roundTrips + " round trips");
        }
    }

    /** What one run measured, and how long the machine took to get every context started. */
    public record Result(LatencyResult latency, double startupSeconds, double bootSeconds) {
    }

    public String name() {
        return String.format(Locale.ROOT, "KAN UDP round trip, %,d idle contexts%s", idleContexts,
                instrumented ? "" : ", instrumentation off");
    }

    public Result run() throws IOException {
        var processes = new ArrayList<ProcessSpec>(idleContexts + 2);
        for (int i = 0; i < idleContexts; i++) {
            processes.add(KanMachine.process("idle-" + i, Idle.class, true));
        }
        var server = KanMachine.processAddress(idleContexts);
        processes.add(KanMachine.process("server", PingServer.class, true));
        processes.add(KanMachine.process("client", PingClient.class, false, server.toString(),
                Integer.toString(warmupRoundTrips), Integer.toString(roundTrips)));
        var run = KanMachine.boot("pingpong-" + idleContexts, processes, budget, instrumented);
        var report = run.find("client", REPORT);
        var latency = new LatencyResult(name(), Long.parseLong(report.group(1)), Double.parseDouble(report.group(2)),
                Double.parseDouble(report.group(3)), Double.parseDouble(report.group(4)));
        return new Result(latency, Long.parseLong(report.group(5)) / 1e9, run.seconds());
    }
}
