package packos.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import packos.bench.kan.Sink;
import packos.bench.kan.Source;

/**
 * The KAN's one-way UDP rate: a source process streams 64-byte datagrams through
 * {@code UdpSocket.send} to a sink process, which counts them with {@code UdpSocket.receive}.
 * The rate is measured datagrams received over the time from the first measured send to the
 * arrival of the END datagram that follows the last.
 *
 * @param batch whether the source turns off the library's yield-to-recipient, so that it fills
 *              the sink's queue before giving up the CPU, instead of handing the CPU to the sink at
 *              every datagram
 */
public record KanThroughput(Duration warmup, Duration duration, boolean batch, Duration budget, boolean instrumented) {

    public KanThroughput(Duration warmup, Duration duration, boolean batch, Duration budget) {
        this(warmup, duration, batch, budget, true);
    }

    /** The same stream with program instrumentation (preemption points, heap metering) on or off. */
    public KanThroughput instrumented(boolean on) { return new KanThroughput(warmup, duration, batch, budget, on); }

    public static final int PAYLOAD_BYTES = 64;
    private static final Pattern REPORT = Pattern.compile("stream sent=(\\d+) received=(\\d+) nanos=(\\d+)");

    public KanThroughput {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(budget, "budget");
        if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("bad stream: warm-up " + warmup + ", duration " + duration);
        }
    }

    public String name() {
        return "KAN UDP one way, 64 B" + (batch ? ", batched" : "") + (instrumented ? "" : ", instrumentation off");
    }

    public UdpDelivery measure() throws IOException {
        var sink = KanMachine.processAddress(0);
        var processes = List.of(
                KanMachine.process("sink", Sink.class, false),
                KanMachine.process("source", Source.class, false, sink.toString(), Long.toString(warmup.toNanos()),
                        Long.toString(duration.toNanos()), batch ? "batch" : "yield"));
        var run = KanMachine.boot("stream" + (batch ? "-batched" : ""), processes, budget, instrumented);
        var report = run.find("sink", REPORT);
        long received = Long.parseLong(report.group(2));
        double seconds = Long.parseLong(report.group(3)) / 1e9;
        return new UdpDelivery(Long.parseLong(report.group(1)),
                new ThroughputResult(name(), received, received * PAYLOAD_BYTES, seconds));
    }
}
