package packos.machine.wire;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a wire has moved and refused. Frames in are counted on the wire's reader thread, frames
 * out on whichever thread transmits, so every count is a {@link LongAdder}: no lock on the
 * frame path, and a read from the console is never torn.
 */
public final class WireCounters {
    private final LongAdder framesIn = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder framesOut = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder droppedIn = new LongAdder();
    private final LongAdder droppedOut = new LongAdder();

    void received(int length) {
        framesIn.increment();
        bytesIn.add(length);
    }

    void sent(int length) {
        framesOut.increment();
        bytesOut.add(length);
    }

    /** A frame or datagram that arrived and was not handed on: too short, too long, or from a stranger. */
    void dropIn() {
        droppedIn.increment();
    }

    /** A frame the wire was asked to send and did not: too long, too short, closed, or refused by the host. */
    void dropOut() {
        droppedOut.increment();
    }

    public long framesIn() { return framesIn.sum(); }
    public long bytesIn() { return bytesIn.sum(); }
    public long framesOut() { return framesOut.sum(); }
    public long bytesOut() { return bytesOut.sum(); }
    public long droppedIn() { return droppedIn.sum(); }
    public long droppedOut() { return droppedOut.sum(); }

    /** One line for the console. */
    @Override
    public String toString() {
        return "in %d frames %d bytes (%d dropped), out %d frames %d bytes (%d dropped)".formatted(
                framesIn(), bytesIn(), droppedIn(), framesOut(), bytesOut(), droppedOut());
    }
}
