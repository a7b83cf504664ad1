package packos.kernel;

/**
 * What one context may hold: its receive queue, its packet pages, and how fast it may allocate
 * heap. Heap is a token bucket, full when the context is created and filled by machine time from
 * then on: {@code heapBurst} bytes at once, then {@code heapPerSecond}; a program allocating
 * beyond it is faulted before it can exhaust the JVM that all processes share, and one below it
 * never is. (A JVM cannot measure one virtual thread's live heap, so what is counted is what the
 * program allocates: its own allocation sites, its calls into the JDK, its standalone pages; see
 * {@link Signals}. No bucket fills while the host heap is crowded: see {@code HostHeap}.) {@code output} is what it may print
 * on the console ({@link OutputLimits}).
 *
 * <p>{@code faultRate} is a testing tool, not a limit: the probability, 0 to 1, that any one kernel
 * call of the context ends it with an {@link InjectedFault} (0: never, and the default).
 */
public record ContextLimits(int queueLength, int packetQuota, long heapBurst, long heapPerSecond, double faultRate,
                            OutputLimits output) {
    public static final long DEFAULT_HEAP_BURST = 256L << 20;
    public static final long DEFAULT_HEAP_PER_SECOND = 256L << 20;

    public ContextLimits {
        if (queueLength < 1) throw new IllegalArgumentException("queue length must be at least 1, not " + queueLength);
        if (packetQuota < 1) throw new IllegalArgumentException("packet quota must be at least 1, not " + packetQuota);
        if (heapBurst < 1) throw new IllegalArgumentException("heap burst must be at least 1 byte, not " + heapBurst);
        if (heapPerSecond < 0) throw new IllegalArgumentException("heap rate must not be negative, not " + heapPerSecond);
        if (!(faultRate >= 0 && faultRate <= 1)) throw new IllegalArgumentException("fault rate must be in 0..1, not " + faultRate);
        if (output == null) throw new IllegalArgumentException("output limits must be given");
    }

    /** Limits with the default output limits. */
    public ContextLimits(int queueLength, int packetQuota, long heapBurst, long heapPerSecond, double faultRate) {
        this(queueLength, packetQuota, heapBurst, heapPerSecond, faultRate, OutputLimits.DEFAULT);
    }

    /** Limits without fault injection. */
    public ContextLimits(int queueLength, int packetQuota, long heapBurst, long heapPerSecond) {
        this(queueLength, packetQuota, heapBurst, heapPerSecond, 0, OutputLimits.DEFAULT);
    }

    public static ContextLimits of(KernelConfig config) {
        return new ContextLimits(config.queueLength(), config.quota(), DEFAULT_HEAP_BURST, DEFAULT_HEAP_PER_SECOND);
    }

    public ContextLimits withQueueLength(int q) { return new ContextLimits(q, packetQuota, heapBurst, heapPerSecond, faultRate, output); }

    public ContextLimits withPacketQuota(int q) { return new ContextLimits(queueLength, q, heapBurst, heapPerSecond, faultRate, output); }

    public ContextLimits withHeap(long burst, long perSecond) { return new ContextLimits(queueLength, packetQuota, burst, perSecond, faultRate, output); }

    public ContextLimits withFaultRate(double rate) { return new ContextLimits(queueLength, packetQuota, heapBurst, heapPerSecond, rate, output); }

    public ContextLimits withOutput(OutputLimits o) { return new ContextLimits(queueLength, packetQuota, heapBurst, heapPerSecond, faultRate, o); }
}
