package packos.lib.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * Waits on any mix of TCP sockets, listeners, UDP sockets and timers: the select the original's
 * author asked for. A process has one kernel queue, so waiting means taking packets from it one at
 * a time and sorting each into the object it is for, until something registered is ready or the
 * timeout passes. TCP's own timers keep running while a poll waits.
 */
public final class Poller {
    private final Network net;
    private final LinkedHashMap<Pollable, Integer> interests = new LinkedHashMap<>();

    Poller(Network net) { this.net = net; }

    /** Waits on {@code p} for any of {@code ops} (ERROR is always reported). Adding it again replaces the interest. */
    public Poller add(Pollable p, int ops) {
        if ((ops & ~(Pollable.READABLE | Pollable.WRITABLE | Pollable.ERROR)) != 0) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, "poll interest " + ops + " has bits other than READABLE, WRITABLE, ERROR");
        }
        interests.put(p, ops | Pollable.ERROR);
        return this;
    }

    public void remove(Pollable p) { interests.remove(p); }

    public int size() { return interests.size(); }

    /** The objects ready now, without waiting. */
    public List<Ready> pollNow() { return poll(0); }

    /** Waits until something is ready; never returns an empty list. */
    public List<Ready> poll() { return poll(-1); }

    /**
     * Waits up to {@code timeoutNanos} of machine time (negative: no limit, 0: do not wait) and
     * returns what is ready, in the order the objects were added; empty when the time ran out.
     */
    public List<Ready> poll(long timeoutNanos) {
        if (timeoutNanos < 0 && interests.isEmpty()) {
            throw new KernelException(ErrorCode.INVALID_ARGUMENT, "poll without a timeout on nothing would wait for ever");
        }
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : saturatingAdd(net.now(), timeoutNanos);
        while (true) {
            net.drain();
            var ready = ready();
            if (!ready.isEmpty() || timeoutNanos == 0 || net.now() >= deadline) return ready;
            net.await(deadline);
        }
    }

    private List<Ready> ready() {
        var out = new ArrayList<Ready>();
        for (var e : interests.entrySet()) {
            int ops = e.getKey().readyOps() & e.getValue();
            if (ops != 0) out.add(new Ready(e.getKey(), ops));
        }
        return out;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }
}
