package packos.kernel;

/** A CPU is a baton: exactly one context holds it at a time. */
final class Cpu {
    final int index;
    Context current;
    /** Set when the scheduler must get this CPU at the running context's next kernel call. */
    volatile boolean preempt;

    Cpu(int index) { this.index = index; }
}
