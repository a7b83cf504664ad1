package packos.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Objects;

/**
 * Linux's UDP round trip over [::1]: one thread sends a 64-byte datagram and waits for it to
 * come back from an echo thread, one datagram in flight at a time.
 *
 * @param warmupRoundTrips round trips run first and not recorded, so the JIT has compiled both loops
 * @param roundTrips       round trips recorded, one sample each
 * @param budget           the longest the whole run may take; past it the run fails
 */
public record LinuxUdpPingPong(int warmupRoundTrips, int roundTrips, Duration budget) {

    public static final String NAME = "Linux UDP round trip [::1]";
    public static final int PAYLOAD_BYTES = 64;

    public LinuxUdpPingPong {
        Objects.requireNonNull(budget, "budget");
        if (warmupRoundTrips < 0 || roundTrips < 1 || (long) warmupRoundTrips + roundTrips > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bad round trips: " + warmupRoundTrips + " + " + roundTrips);
        }
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive, got " + budget);
        }
    }

    /** 5,000 warm-up round trips, 20,000 recorded ones (about a second here), 30 s at most. */
    public static LinuxUdpPingPong defaults() {
        return new LinuxUdpPingPong(5_000, 20_000, Duration.ofSeconds(30));
    }

    public LinuxUdpPingPong withRoundTrips(int roundTrips) {
        return new LinuxUdpPingPong(warmupRoundTrips, roundTrips, budget);
    }

    public LatencyResult run() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + budget.toNanos();
        int total = warmupRoundTrips + roundTrips;
        var crew = new Crew();
        try (var client = Loopback.bind(); var server = Loopback.bind()) {
            Loopback.pair(client, server);
            var echo = crew.start("linux-udp-echo", () -> echo(server, total));
            var ping = crew.start("linux-udp-ping", () -> ping(client));
            crew.await(deadline, ping, echo);
            return LatencyResult.of(NAME, ping.result());
        } finally {
            crew.stopAll();
        }
    }

    /** Sends, waits for the echo, and records the round trips after the warm-up. */
    private long[] ping(DatagramChannel channel) throws IOException {
        var samples = new long[roundTrips];
        var out = ByteBuffer.allocateDirect(PAYLOAD_BYTES);
        var in = ByteBuffer.allocateDirect(PAYLOAD_BYTES);
        int total = warmupRoundTrips + roundTrips;
        for (int trip = 0; trip < total; trip++) {
            out.clear();
            out.putLong(0, trip);
            in.clear();
            long sent = System.nanoTime();
            channel.write(out);
            int received = channel.read(in);
            long returned = System.nanoTime();
            // A stale or short echo would time the wrong exchange.
            if (received != PAYLOAD_BYTES || in.getLong(0) != trip) {
                throw new IOException("round trip " + trip + " got " + received + " bytes numbered " + in.getLong(0));
            }
            if (trip >= warmupRoundTrips) {
                samples[trip - warmupRoundTrips] = returned - sent;
            }
        }
        return samples;
    }

    /** Sends every datagram straight back, {@code count} times. */
    private static Integer echo(DatagramChannel channel, int count) throws IOException {
        var buffer = ByteBuffer.allocateDirect(PAYLOAD_BYTES);
        for (int echoed = 0; echoed < count; echoed++) {
            buffer.clear();
            channel.read(buffer);
            buffer.flip();
            channel.write(buffer);
        }
        return count;
    }
}
