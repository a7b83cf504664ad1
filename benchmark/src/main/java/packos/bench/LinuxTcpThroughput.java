package packos.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Linux's TCP bulk rate over [::1]: a sender thread writes {@code writeBytes} at a time as fast
 * as it can to a receiver thread, which reads and counts. The receiver times the stream: the
 * measured window opens {@code warmup} after the first bytes arrive and closes {@code duration}
 * later, and the rate is the bytes read inside it over its length.
 *
 * @param warmup     streaming before the window, so the JIT has compiled both loops and the
 *                   kernel's buffers have grown to their steady size
 * @param duration   how long the window lasts
 * @param writeBytes bytes per write (and per read)
 */
public record LinuxTcpThroughput(Duration warmup, Duration duration, int writeBytes) {

    public static final String NAME = "Linux TCP bulk [::1]";
    /** On top of warm-up and window, before the run is declared stuck. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    public LinuxTcpThroughput {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        if (warmup.isNegative() || duration.isNegative() || duration.isZero() || writeBytes < 1) {
            throw new IllegalArgumentException("bad TCP stream: warm-up " + warmup + ", duration " + duration
                    + ", writes of " + writeBytes + " bytes");
        }
    }

    /** 64 KiB writes (FACTS.md's figure of 1.9-2.1 GB/s used them), 1 s of warm-up, 2 s measured. */
    public static LinuxTcpThroughput defaults() {
        return new LinuxTcpThroughput(Duration.ofSeconds(1), Duration.ofSeconds(2), 64 * 1024);
    }

    public ThroughputResult run() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + warmup.plus(duration).plus(SLACK).toNanos();
        var crew = new Crew();
        var windowClosed = new AtomicBoolean();
        try (var listener = Loopback.listen();
             var sending = SocketChannel.open(StandardProtocolFamily.INET6)) {
            sending.connect(listener.getLocalAddress());
            try (var receiving = listener.accept()) {
                var receiver = crew.start("linux-tcp-receiver", () -> receive(receiving, windowClosed));
                var sender = crew.start("linux-tcp-sender", () -> send(sending, windowClosed));
                crew.await(deadline, receiver, sender);
                return receiver.result();
            }
        } finally {
            crew.stopAll();
        }
    }

    /** Writes until the receiver's window has closed, then ends the stream. */
    private Void send(SocketChannel channel, AtomicBoolean windowClosed) throws IOException {
        var buffer = ByteBuffer.allocateDirect(writeBytes);
        while (!windowClosed.get()) {
            buffer.clear();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        channel.shutdownOutput();
        return null;
    }

    /** Reads to the end of the stream and times the window; the rest is warm-up and drain. */
    private ThroughputResult receive(SocketChannel channel, AtomicBoolean windowClosed) throws IOException {
        var buffer = ByteBuffer.allocateDirect(writeBytes);
        long received = 0;
        long firstArrival = -1;
        long windowStart = -1;
        long bytesAtStart = 0;
        long windowEnd = -1;
        long bytesAtEnd = 0;
        for (int n; (n = channel.read(buffer.clear())) >= 0; ) {
            received += n;
            long now = System.nanoTime();
            if (firstArrival < 0) {
                firstArrival = now;
            }
            if (windowStart < 0) {
                if (now - firstArrival >= warmup.toNanos()) {
                    windowStart = now;
                    bytesAtStart = received;
                }
            } else if (windowEnd < 0 && now - windowStart >= duration.toNanos()) {
                windowEnd = now;
                bytesAtEnd = received;
                windowClosed.set(true);
            }
        }
        if (windowEnd < 0) {
            throw new IOException("the TCP stream ended before the measured window closed");
        }
        return new ThroughputResult(NAME, 0, bytesAtEnd - bytesAtStart, (windowEnd - windowStart) / 1e9);
    }
}
