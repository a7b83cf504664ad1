package packos.kernel;

/**
 * One context's readings of the carriers' allocation count ({@link CarrierAllocation}), which is
 * how the heap meter sees what the JDK allocates for a program. A window opens at the first
 * instrumented call into the JDK after the context got its CPU; every later reading while it
 * keeps the CPU is charged, less what the instrumented allocation sites charged meanwhile (the
 * count holds those too). A context that gives its CPU up with a window open is read once more
 * and the window closes: what runs next on the carriers is someone else's.
 *
 * <p>Its own thread alone uses it. Each method returns the bytes to charge.
 */
final class CarrierWindow {
    /** Calls whose allocation is small on average (a list's add) read the count once in this many. */
    static final int CHEAP_CALLS = 64;

    private final CarrierAllocation carriers;
    /** The count at the window's last reading; -1 while no window is open. */
    private long base = -1;
    /** Bytes charged by instrumented sites since {@link #base}: the count holds them already. */
    long chargedInside;
    /** Between the hooks around a call into the JDK (left set if the call threw). */
    private boolean inCall;
    private int cheapCalls = CHEAP_CALLS;

    CarrierWindow(CarrierAllocation carriers) { this.carriers = carriers; }

    /** Before a call into the JDK. */
    void callBegins() {
        inCall = true;
        if (base < 0) open();
    }

    /** After a call whose allocation can grow with its arguments or its receiver. */
    long callEnded() {
        inCall = false;
        return read();
    }

    /** After a call whose allocation is bounded on average by a constant. */
    long cheapCallEnded() {
        inCall = false;
        if (--cheapCalls >= 0) return 0;
        cheapCalls = CHEAP_CALLS;
        return read();
    }

    /**
     * At the slow path of a preemption point: a program that runs a long time between kernel
     * calls is read there, whatever it calls (the JDK's loops have no preemption points).
     */
    long slowPoll() {
        if (base >= 0) return read();
        open();
        return 0;
    }

    /** The context is about to give up its CPU. */
    long leavingCpu() {
        if (base < 0) return 0;
        long used = read();
        base = -1;
        return used;
    }

    /** The context has its CPU back; if it left inside a call into the JDK (a callback blocked), the rest of that call is read. */
    void backOnCpu() {
        if (inCall) open();
    }

    private void open() {
        base = carriers.total();
        chargedInside = 0;
    }

    private long read() {
        if (base < 0) {
            open();
            return 0;
        }
        long now = carriers.total();
        long used = now - base - chargedInside;
        base = now;
        chargedInside = 0;
        return Math.max(0, used);
    }
}
