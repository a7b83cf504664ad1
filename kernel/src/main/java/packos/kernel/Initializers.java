package packos.kernel;

/**
 * Static initializers, where a context cannot give its CPU up. A virtual thread that parks inside
 * {@code <clinit>} pins its carrier (JDK 25: the JVM calls the initializer through a native
 * frame), and with one carrier per CPU nothing else could run: a tick that preempted a program
 * there, or a receive that waited there, stopped the whole machine. So a preemption is put off
 * there for at most {@link Kernel#INITIALIZER_HOLD_NANOS}, and a call that may wait is a fault.
 *
 * <p>Lock rule: everything here runs on the context's own thread, without the lock; a fault is
 * only marked ({@link Endings#doom}) and thrown, and the context dies at its next kernel call.
 */
final class Initializers {
    private final Kernel kernel;

    Initializers(Kernel kernel) { this.kernel = kernel; }

    /**
     * The class whose static initializer the calling thread is running (the innermost), or null.
     * Walked only when it matters: a preemption due (once a tick at most), a waiting call while
     * the instrumented count says an initializer runs, a doomed context.
     */
    static String onStack() {
        return StackWalker.getInstance().walk(frames -> frames.filter(f -> f.getMethodName().equals("<clinit>"))
                .map(StackWalker.StackFrame::getClassName).findFirst().orElse(null));
    }

    /**
     * A call that may give the CPU up ({@code call}) is about to: inside a static initializer it
     * cannot, so the process is faulted instead. The instrumented count is a hint that costs one
     * field read; the stack has the last word (an initializer that threw left the count high).
     */
    void mayWait(Context self, String call) {
        if (self.signals.initializers == 0) return;
        String type = onStack();
        if (type == null) {
            self.signals.initializers = 0;
            return;
        }
        throw Endings.doom(self, new InitializerFault("the static initializer of " + type + " called " + call
                + ", which may wait: a static initializer cannot give its CPU up"));
    }

    /**
     * A preemption is due but the context runs a static initializer of {@code type}, where it
     * cannot give the CPU up: it keeps it, for {@link Kernel#INITIALIZER_HOLD_NANOS} of machine
     * time at most since the first such tick; then its process is faulted.
     */
    void held(Context self, String type) {
        long now = kernel.machine.clock().nanos();
        if (self.heldSince < 0) {
            self.heldSince = now;
            return;
        }
        long hold = Kernel.INITIALIZER_HOLD_NANOS;
        if (now - self.heldSince < hold) return;
        throw Endings.doom(self, new InitializerFault("the static initializer of " + type + " kept the CPU for "
                + (now - self.heldSince) / 1_000_000 + " ms after the clock asked for it (at most "
                + hold / 1_000_000 + " ms)"));
    }
}
