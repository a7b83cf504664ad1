package packos.host.config;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one process may use: its receive queue and packet pages (absent: the kan line's), its heap
 * allocation as a burst and a rate per second of machine time (absent: the kernel's defaults), its
 * console output as a total, a burst and a rate per second of machine time (absent: the kernel's
 * defaults, {@code OutputLimits.DEFAULT}), and its CPU share, a relative weight (share 2 gets twice
 * the slices of share 1 when both want the CPU).
 * Beside them, a testing tool: the probability, 0 to 1, that any one kernel call of the process
 * ends it with an injected fault (0: none).
 */
public record ProcessLimits(OptionalInt queue, OptionalInt quota, OptionalLong heap, OptionalLong heapRate, int cpuShare,
                            double faultRate, OptionalLong output, OptionalLong outputBurst, OptionalLong outputRate) {
    public static final int DEFAULT_CPU_SHARE = 1;
    public static final ProcessLimits DEFAULT = new ProcessLimits(OptionalInt.empty(), OptionalInt.empty(),
            OptionalLong.empty(), OptionalLong.empty(), DEFAULT_CPU_SHARE);

    /** Limits with no fault injection. */
    public ProcessLimits(OptionalInt queue, OptionalInt quota, OptionalLong heap, OptionalLong heapRate, int cpuShare) {
        this(queue, quota, heap, heapRate, cpuShare, 0);
    }

    /** Limits with the default output limits. */
    public ProcessLimits(OptionalInt queue, OptionalInt quota, OptionalLong heap, OptionalLong heapRate, int cpuShare, double faultRate) {
        this(queue, quota, heap, heapRate, cpuShare, faultRate, OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
    }

    public ProcessLimits {
        check(Limit.QUEUE, queue);
        check(Limit.QUOTA, quota);
        check(Limit.HEAP, heap);
        check(Limit.HEAP_RATE, heapRate);
        check(Limit.OUTPUT, output);
        check(Limit.OUTPUT_BURST, outputBurst);
        check(Limit.OUTPUT_RATE, outputRate);
        if (!Limit.CPU_SHARE.contains(cpuShare)) throw new IllegalArgumentException(Limit.CPU_SHARE.outOfRange(Integer.toString(cpuShare)));
        if (!(faultRate >= 0 && faultRate <= 1)) throw new IllegalArgumentException("inject-faults=" + faultRate + " is not a rate in 0..1");
    }

    /** True when nothing but the CPU share is set: the context gets the kernel's default limits. */
    public boolean contextDefaults() {
        return queue.isEmpty() && quota.isEmpty() && heap.isEmpty() && heapRate.isEmpty() && faultRate == 0
                && output.isEmpty() && outputBurst.isEmpty() && outputRate.isEmpty();
    }

    private static void check(Limit limit, OptionalInt value) {
        if (value.isPresent() && !limit.contains(value.getAsInt())) throw new IllegalArgumentException(limit.outOfRange(Integer.toString(value.getAsInt())));
    }

    private static void check(Limit limit, OptionalLong value) {
        if (value.isPresent() && !limit.contains(value.getAsLong())) throw new IllegalArgumentException(limit.outOfRange(Long.toString(value.getAsLong())));
    }
}
