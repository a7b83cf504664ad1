package packos.bench.kan;

import java.util.Arrays;
import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;

/**
 * Sends a 64-byte datagram to the echo server and waits for it to come back, one in flight at a
 * time, timing each round trip with the machine clock.
 *
 * <p>Arguments: server address, warm-up round trips (not recorded), recorded round trips. Prints
 * {@code pingpong trips=N median=NS p99=NS mean=NS started=NS}, the last being the machine time
 * at which the client began.
 */
public final class PingClient implements Program {

    @Override
    public void main(Process self) {
        var server = Address.parse(self.arg(0, ""));
        int warmup = Integer.parseInt(self.arg(1, "100000"));
        int trips = Integer.parseInt(self.arg(2, "1000000"));
        var sys = self.sys();
        // The idle processes ran (and blocked) before us: this is when the last of them had started.
        long started = sys.now();
        var socket = self.net().udp();
        var out = new byte[Wire.PAYLOAD_BYTES];
        var samples = new long[trips];
        for (int trip = -warmup; trip < trips; trip++) {
            Wire.putLong(out, 0, trip);
            long sent = sys.now();
            socket.send(server, Wire.ECHO_PORT, out);
            var echo = socket.receive();
            long returned = sys.now();
            // A stale or short echo would time the wrong exchange.
            if (echo.data().length != Wire.PAYLOAD_BYTES || Wire.getLong(echo.data(), 0) != trip) {
                throw new IllegalStateException("round trip " + trip + " got " + echo.data().length + " bytes numbered "
                        + Wire.getLong(echo.data(), 0));
            }
            if (trip >= 0) {
                samples[trip] = returned - sent;
            }
        }
        Arrays.sort(samples);
        double sum = 0;
        for (long s : samples) {
            sum += s;
        }
        self.print("pingpong trips=" + trips + " median=" + percentile(samples, 50) + " p99=" + percentile(samples, 99)
                + " mean=" + sum / trips + " started=" + started);
    }

    /** Linear interpolation between the nearest ranks, as the harness's Stats does. */
    private static double percentile(long[] sorted, double p) {
        double rank = p / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted[below] + (sorted[above] - (double) sorted[below]) * (rank - below);
    }
}
