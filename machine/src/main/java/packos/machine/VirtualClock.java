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
        long period = periodNanos();
        nanos = (nanos / period + 1) * period;
        var c = controller;
        if (c != null) c.raise(LINE);
    }

    @Override
    public boolean isVirtual() { return true; }
}
