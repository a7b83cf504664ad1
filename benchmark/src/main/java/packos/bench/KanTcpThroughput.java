package packos.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import packos.bench.kan.BulkReceiver;
import packos.bench.kan.BulkSender;

/**
 * The KAN's TCP bulk rate: a sender process writes a stream through {@code TcpSocket.write} to a
 * receiver process, which reads and counts with {@code TcpSocket.read}. The receiver times the
 * stream on the machine's real clock (host monotonic time): its window opens {@code warmup} after
 * the first bytes arrive and lasts {@code duration}; the rate is the bytes read inside it over its
 * length, as {@link LinuxTcpThroughput} measures Linux.
 */
public record KanTcpThroughput(Duration warmup, Duration duration, TcpBulkSetup setup, Duration budget,
                               boolean instrumented) {

    /** The sender streams this much longer than the receiver's warm-up and window, so the window closes first. */
    static final Duration OVERRUN = Duration.ofMillis(300);
    private static final Pattern REPORT = Pattern.compile("tcp-bulk bytes=(\\d+) nanos=(\\d+) total=(\\d+)");

    public KanTcpThroughput {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(budget, "budget");
        if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("bad TCP stream: warm-up " + warmup + ", duration " + duration);
        }
    }

    public KanTcpThroughput(Duration warmup, Duration duration, TcpBulkSetup setup, Duration budget) {
        this(warmup, duration, setup, budget, true);
    }

    /** The same stream with program instrumentation (preemption points, heap metering) on or off. */
    public KanTcpThroughput instrumented(boolean on) {
        return new KanTcpThroughput(warmup, duration, setup, budget, on);
    }

    public KanTcpThroughput withSetup(TcpBulkSetup other) {
        return new KanTcpThroughput(warmup, duration, other, budget, instrumented);
    }

    public String name() {
        return "KAN TCP bulk, " + setup.describe() + (instrumented ? "" : ", instrumentation off");
    }

    public ThroughputResult measure() throws IOException {
        var receiver = KanMachine.processAddress(0);
        String buffers = Integer.toString(setup.bufferBytes());
        String chunk = Integer.toString(setup.writeBytes());
        var processes = List.of(
                KanMachine.process("receiver", BulkReceiver.class, false, Long.toString(warmup.toNanos()),
                        Long.toString(duration.toNanos()), chunk, buffers),
                KanMachine.process("sender", BulkSender.class, false, receiver.toString(),
                        Long.toString(warmup.plus(duration).plus(OVERRUN).toNanos()), chunk, buffers));
        var run = KanMachine.boot("tcp-bulk", KanMachine.kanWithPageSize(setup.pageSize()), processes, budget,
                instrumented);
        var report = run.find("receiver", REPORT);
        return new ThroughputResult(name(), 0, Long.parseLong(report.group(1)), Long.parseLong(report.group(2)) / 1e9);
    }
}
