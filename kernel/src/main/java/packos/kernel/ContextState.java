package packos.kernel;

public enum ContextState {
    /** Created, never run. */
    NEW,
    /** Runnable, waiting for a CPU. */
    READY,
    RUNNING,
    /** Waiting for a packet. */
    BLOCKED,
    FINISHED
}
