package packos.machine;

/**
 * Machine time that moves only when told to: the kernel advances it when every context is
 * blocked, straight to the next tick. A run is then a function of its inputs alone.
 */
public final class VirtualClock implements Clock {
    private final int hz;
    private volatile long nanos;
    private InterruptController controller;

    public VirtualClock(int hz) {
        this.hz = Clock.checkRate(hz);
    }

    @Override
    public long nanos() { return nanos; }

    @Override
    public int hz() { return hz; }

    @Override
    public void start(InterruptController controller) { this.controller = controller; }

    @Override
    public void stop() { controller = null; }

    /** Moves time to the next tick boundary and raises the tick. */
    public void advanceToNextTick() {
        nanos = nextTickNanos();
        var c = controller;
        if (c != null) c.raise(LINE);
    }

    /** The machine time of the next tick. */
    public long nextTickNanos() {
        long period = periodNanos();
        return (nanos / period + 1) * period;
    }

    /**
     * Moves time forward to {@code t}, short of the next tick, raising nothing: something other than
     * the clock (a packet held on an impaired link) is due there. Earlier times leave the clock as it is.
     */
    public void advanceTo(long t) {
        if (t >= nextTickNanos()) throw new IllegalArgumentException("time " + t + " is not before the next tick at " + nextTickNanos());
        if (t > nanos) nanos = t;
    }

    @Override
    public boolean isVirtual() { return true; }
}
