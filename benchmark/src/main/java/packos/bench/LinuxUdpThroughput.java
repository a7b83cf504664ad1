package packos.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * Linux's one-way UDP rate over [::1]: a sender thread writes 64-byte datagrams as fast as it
 * can to a receiver thread, which counts what arrives. The rate is received packets over the
 * time from the first measured send to the last measured arrival.
 *
 * @param warmup     sending before the measured part, so the JIT has compiled both loops
 * @param duration   how long the measured part sends for
 * @param maxPackets the most datagrams each part sends, whichever limit comes first
 */
public record LinuxUdpThroughput(Duration warmup, Duration duration, long maxPackets) {

    public static final String NAME = "Linux UDP one way, 64 B [::1]";
    public static final int PAYLOAD_BYTES = 64;
    /** Linux caps this at net.core.rmem_max (4 MiB on these machines) and then doubles it. */
    static final int RECEIVE_BUFFER_BYTES = 4 << 20;
    /** Between warm-up and measurement, and before the receiver is stopped: lets its queue drain. */
    private static final Duration DRAIN = Duration.ofMillis(200);
    /** On top of warm-up, duration and the drains, before the run is declared stuck. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    private static final byte WARMUP = 0;
    private static final byte MEASURED = 1;

    public LinuxUdpThroughput {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        if (warmup.isNegative() || duration.isNegative() || duration.isZero() || maxPackets < 1) {
            throw new IllegalArgumentException("bad stream: warm-up " + warmup + ", duration " + duration
                    + ", at most " + maxPackets + " packets");
        }
    }

    /** Half a second of warm-up, then two seconds measured. */
    public static LinuxUdpThroughput defaults() {
        return new LinuxUdpThroughput(Duration.ofMillis(500), Duration.ofSeconds(2), 100_000_000L);
    }

    public LinuxUdpThroughput withDuration(Duration duration) {
        return new LinuxUdpThroughput(warmup, duration, maxPackets);
    }

    public ThroughputResult run() throws IOException, InterruptedException {
        return measure().received();
    }

    /** As {@link #run()}, also telling how many datagrams were sent, so loss can be judged. */
    public UdpDelivery measure() throws IOException, InterruptedException {
        long deadline = System.nanoTime()
                + warmup.plus(duration).plus(DRAIN.multipliedBy(2)).plus(SLACK).toNanos();
        var crew = new Crew();
        var sink = Loopback.bind(RECEIVE_BUFFER_BYTES);
        try (var source = Loopback.bind()) {
            Loopback.pair(source, sink);
            var receiver = crew.start("linux-udp-sink", () -> receive(sink, deadline));
            var sender = crew.start("linux-udp-source", () -> send(source));
            crew.await(deadline, sender);
            Thread.sleep(DRAIN);
            sink.close(); // the receiver's blocking read ends with AsynchronousCloseException
            crew.await(deadline, receiver);
            var sent = sender.result();
            var received = receiver.result();
            long end = received.packets() > 0 ? received.lastArrivalNanos() : sent.endNanos();
            double seconds = (end - sent.startNanos()) / 1e9;
            return new UdpDelivery(sent.packets(),
                    new ThroughputResult(NAME, received.packets(), received.bytes(), seconds));
        } finally {
            sink.close();
            crew.stopAll();
        }
    }

    private record Sent(long packets, long startNanos, long endNanos) {
    }

    private record Received(long packets, long bytes, long lastArrivalNanos) {
    }

    private Sent send(DatagramChannel channel) throws IOException, InterruptedException {
        var buffer = ByteBuffer.allocateDirect(PAYLOAD_BYTES);
        stream(channel, buffer, WARMUP, System.nanoTime() + warmup.toNanos());
        Thread.sleep(DRAIN);
        long start = System.nanoTime();
        long packets = stream(channel, buffer, MEASURED, start + duration.toNanos());
        return new Sent(packets, start, System.nanoTime());
    }

    /** Writes datagrams marked {@code phase} until {@code untilNanos} or {@link #maxPackets}. */
    private long stream(DatagramChannel channel, ByteBuffer buffer, byte phase, long untilNanos)
            throws IOException {
        buffer.clear();
        buffer.put(0, phase);
        long packets = 0;
        while (packets < maxPackets && System.nanoTime() < untilNanos) {
            buffer.rewind();
            channel.write(buffer);
            packets++;
        }
        return packets;
    }

    /** Counts measured datagrams until the channel is closed or the deadline passes. */
    private static Received receive(DatagramChannel channel, long deadlineNanos) throws IOException {
        var buffer = ByteBuffer.allocateDirect(PAYLOAD_BYTES);
        long packets = 0;
        long bytes = 0;
        long lastArrival = 0;
        try {
            for (long now = System.nanoTime(); now < deadlineNanos; ) {
                buffer.clear();
                int size = channel.read(buffer);
                now = System.nanoTime();
                if (size > 0 && buffer.get(0) == MEASURED) {
                    packets++;
                    bytes += size;
                    lastArrival = now;
                }
            }
        } catch (AsynchronousCloseException closed) {
            // The end of the stream: the sender has finished and the queue had time to drain.
        }
        return new Received(packets, bytes, lastArrival);
    }
}
