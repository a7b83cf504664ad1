package packos.kernel;

/**
 * Why the scheduler got a CPU back: which context gave it up and how. {@code context} is null
 * when the CPU was idle and the scheduler was woken by an event.
 */
public record Switch(Context context, Reason reason) {
    public enum Reason {
        /** The context called yield. */
        YIELDED,
        /** The context blocked in receive. */
        BLOCKED,
        /** The context ended, normally or by a fault. */
        FINISHED,
        /** The clock (or another packet for the scheduler) took the CPU back. */
        PREEMPTED,
        /** The scheduler was woken on an idle CPU. */
        EVENT,
        /** yieldTo found the context blocked: nothing ran. */
        YIELDED_TO_BLOCKED,
        /** yieldTo found the context finished: nothing ran. */
        CONTEXT_FINISHED,
        /** yieldTo found the context already running on another CPU: nothing ran. */
        ALREADY_RUNNING
    }
}
