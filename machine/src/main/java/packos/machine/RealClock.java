package packos.machine;

import java.util.concurrent.locks.LockSupport;

/**
 * Ticks in real time on a platform thread of its own: the tick must come even when every
 * context is busy, and a device thread must never run on a context's carrier.
 */
public final class RealClock implements Clock {
    private final int hz;
    private volatile long startNanos;
    private volatile boolean running;
    private Thread ticker;

    public RealClock(int hz) {
        this.hz = Clock.checkRate(hz);
    }

    @Override
    public long nanos() { return System.nanoTime() - startNanos; }

    @Override
    public int hz() { return hz; }

    @Override
    public synchronized void start(InterruptController controller) {
        if (running) throw new IllegalStateException("the clock is already running");
        startNanos = System.nanoTime();
        running = true;
        ticker = Thread.ofPlatform().daemon().name("packos-clock").start(() -> {
            long period = periodNanos();
            long next = startNanos + period;
            while (running) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                controller.raise(LINE);
                next += period;
                // A host that stalled for many periods gets one tick, not a burst: the
                // controller coalesces pending raises anyway.
                if (System.nanoTime() - next > period) next = System.nanoTime() + period;
            }
        });
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (ticker != null) LockSupport.unpark(ticker);
    }

    @Override
    public boolean isVirtual() { return false; }
}
