package packos.machine;

/** Whoever services interrupts: the kernel. */
public interface InterruptSink {
    /** Line {@code line} was raised and is now masked until acknowledged. */
    void interrupt(int line);

    /**
     * Line {@code line} was raised while masked: it stays pending until acknowledged. The kernel
     * still learns of it, because a clock tick ends a time slice whoever holds the clock's line
     * and whether or not they want the tick.
     */
    default void raisedWhileMasked(int line) { }
}
