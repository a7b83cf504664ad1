package packos.machine.wire;

import java.util.Objects;

/**
 * A loopback plug in the card's socket: every frame the card transmits comes straight back to it,
 * so a driver's both directions can be seen working without root or a second machine.
 *
 * <p>Unlike the other wires it has no reader thread: the frame is handed back to the card during
 * the transmit call itself, on the driver's own context. A frame from a platform thread would
 * arrive at a moment virtual time does not know of (the kernel may already have moved the clock
 * on, or declared the machine stuck); delivered inside the transmit, it is in the receive ring
 * before the driver's register write returns, and a one-CPU run in virtual time stays a function
 * of its boot config. The card calls transmit outside its register lock, so the re-entry is safe.
 */
public final class LoopbackPlug implements EthernetWire {
    private final WireCounters counters = new WireCounters();
    private volatile FrameReceiver receiver;
    private volatile boolean closed;

    @Override
    public synchronized void start(FrameReceiver receiver) {
        Objects.requireNonNull(receiver);
        if (this.receiver != null) throw new IllegalStateException("the loopback plug is already started");
        this.receiver = receiver;
    }

    @Override
    public boolean transmit(byte[] frame, int off, int len) {
        Objects.checkFromIndexSize(off, len, frame.length);
        var r = receiver;
        if (closed || r == null || !EthernetWire.isFrameLength(len)) {
            counters.dropOut();
            return false;
        }
        byte[] copy = new byte[len];
        System.arraycopy(frame, off, copy, 0, len);
        counters.sent(len);
        counters.received(len);
        r.frameArrived(copy, len);
        return true;
    }

    public WireCounters counters() { return counters; }

    @Override
    public String describe() { return "loopback"; }

    @Override
    public void close() { closed = true; }
}
