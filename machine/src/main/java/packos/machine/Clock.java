package packos.machine;

/**
 * The machine's clock device: it tells machine time and raises its interrupt line once per tick.
 * Machine time starts at 0 at boot; it is never the host's wall clock.
 */
public sealed interface Clock permits RealClock, VirtualClock {
    int LINE = 0;

    /** Nanoseconds of machine time since the clock started. */
    long nanos();

    int hz();

    default long periodNanos() { return 1_000_000_000L / hz(); }

    /** Starts ticking into {@code controller} on line {@link #LINE}. */
    void start(InterruptController controller);

    void stop();

    boolean isVirtual();

    /** The one rule for a clock's rate, whichever kind of clock. */
    static int checkRate(int hz) {
        if (hz < 1 || hz > 10_000) throw new IllegalArgumentException("clock rate " + hz + " Hz is not in 1..10000");
        return hz;
    }
}
