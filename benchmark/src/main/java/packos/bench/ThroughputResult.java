package packos.bench;

import java.util.Objects;

/** What arrived over a stretch of time. For a lossy transport, count what was received. */
public record ThroughputResult(String name, long packets, long bytes, double seconds)
        implements Measurement {

    public ThroughputResult {
        Objects.requireNonNull(name, "name");
        if (packets < 0 || bytes < 0) {
            throw new IllegalArgumentException("negative count: " + packets + " packets, " + bytes + " bytes");
        }
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("a throughput needs a positive duration, got " + seconds + " s");
        }
    }

    public double packetsPerSecond() {
        return packets / seconds;
    }

    public double bytesPerSecond() {
        return bytes / seconds;
    }

    public Figure packetRate() {
        return Figure.packetsPerSecond(packetsPerSecond());
    }

    public Figure byteRate() {
        return Figure.bytesPerSecond(bytesPerSecond());
    }
}
