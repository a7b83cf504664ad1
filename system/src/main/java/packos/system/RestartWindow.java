package packos.system;

import java.util.ArrayDeque;
import packos.kernel.BootProcess;

/**
 * The restart intensity of one process, as Erlang's supervisors and MINIX 3's reincarnation
 * server count it: the machine times of the restarts within the last {@code within} seconds. A
 * restart that would make more than {@code maxRestarts} of them is refused, and the supervisor
 * gives up. Memory is bounded by {@code maxRestarts}; each decision is amortized O(1).
 */
final class RestartWindow {
    private final BootProcess.Restart policy;
    private final long windowNanos;
    private final ArrayDeque<Long> times = new ArrayDeque<>();
    private long total;

    RestartWindow(BootProcess.Restart policy) {
        this.policy = policy;
        this.windowNanos = policy.withinSeconds() * 1_000_000_000L;
    }

    /** Whether an ending (a fault, or a clean exit) calls for a restart at all under the policy. */
    boolean wants(boolean faulted) { return policy.wants(faulted); }

    /**
     * Records a restart at machine time {@code now} if the window has room: true, and the restart
     * counts; false if this one would be one too many.
     */
    boolean tryRestart(long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) times.pollFirst();
        if (times.size() >= policy.maxRestarts()) return false;
        times.addLast(now);
        total++;
        return true;
    }

    /** Restarts counted in the current window (after {@link #tryRestart}: including that one). */
    int inWindow() { return times.size(); }

    /** Restarts over the whole run. */
    long total() { return total; }

    int max() { return policy.maxRestarts(); }

    int withinSeconds() { return policy.withinSeconds(); }
}
