package packos.machine.wire;

import java.util.Objects;

/**
 * No cable: the card exists and its driver runs, but nothing arrives and every frame sent is
 * dropped (and counted, so a driver's transmit path can still be seen working).
 */
public final class NoWire implements EthernetWire {
    private final WireCounters counters = new WireCounters();

    @Override
    public void start(FrameReceiver receiver) {
        Objects.requireNonNull(receiver);  // nothing will ever be delivered to it
    }

    @Override
    public boolean transmit(byte[] frame, int off, int len) {
        Objects.checkFromIndexSize(off, len, frame.length);
        counters.dropOut();
        return false;
    }

    public WireCounters counters() {
        return counters;
    }

    @Override
    public String describe() {
        return "none";
    }

    @Override
    public void close() {}
}
