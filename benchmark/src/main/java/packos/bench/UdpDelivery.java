package packos.bench;

import java.util.Objects;

/** A one-way UDP stream's outcome: what the receiver counted, and how much was sent for it. */
public record UdpDelivery(long sent, ThroughputResult received) {

    public UdpDelivery {
        Objects.requireNonNull(received, "received");
        if (sent < 0) {
            throw new IllegalArgumentException("negative sent count " + sent);
        }
    }

    /** The share of sent datagrams that never arrived, 0..1. */
    public double lossRatio() {
        return sent == 0 ? 0 : Math.max(0, sent - received.packets()) / (double) sent;
    }
}
