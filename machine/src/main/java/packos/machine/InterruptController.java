package packos.machine;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A programmable interrupt controller with 256 lines. Raising a line delivers it to the sink and
 * masks it; the line stays masked until it is acknowledged, and a raise in between is remembered
 * as pending and delivered at the acknowledgement (level-triggered, as on a PC's PIC), and the sink
 * hears of that raise at once as one that came while masked. Nothing is lost and nothing is
 * delivered twice concurrently.
 */
public final class InterruptController {
    public static final int LINES = 256;

    private final ReentrantLock lock = new ReentrantLock();
    private final boolean[] masked = new boolean[LINES];
    private final boolean[] pending = new boolean[LINES];
    private final long[] raised = new long[LINES];
    private InterruptSink sink;

    public void connect(InterruptSink sink) {
        lock.lock();
        try {
            this.sink = sink;
        } finally {
            lock.unlock();
        }
    }

    public void raise(int line) {
        checkLine(line);
        InterruptSink target;
        boolean delivered = false;
        lock.lock();
        try {
            raised[line]++;
            if (masked[line] || sink == null) {
                pending[line] = true;
                if (sink == null) return;
                target = sink;
            } else {
                masked[line] = true;
                target = sink;
                delivered = true;
            }
        } finally {
            lock.unlock();
        }
        if (delivered) target.interrupt(line);
        else target.raisedWhileMasked(line);
    }

    /** Unmasks the line; a raise that came while it was masked is delivered now. */
    public void acknowledge(int line) {
        checkLine(line);
        InterruptSink target = null;
        lock.lock();
        try {
            if (pending[line] && sink != null) {
                pending[line] = false;
                target = sink;
            } else {
                masked[line] = false;
            }
        } finally {
            lock.unlock();
        }
        if (target != null) target.interrupt(line);
    }

    public boolean isMasked(int line) {
        checkLine(line);
        lock.lock();
        try {
            return masked[line];
        } finally {
            lock.unlock();
        }
    }

    public long raisedCount(int line) {
        checkLine(line);
        lock.lock();
        try {
            return raised[line];
        } finally {
            lock.unlock();
        }
    }

    private static void checkLine(int line) {
        if (line < 0 || line >= LINES) throw new IllegalArgumentException("interrupt line " + line + " is not in 0.." + (LINES - 1));
    }
}
