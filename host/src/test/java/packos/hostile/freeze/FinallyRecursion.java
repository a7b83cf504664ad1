package packos.hostile.freeze;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Recurses with {@code try { f(); } finally { f(); }}: at the edge of the stack every call
 * overflows and its finally block calls again, so the program stays within a few frames of the
 * edge for 2^depth calls, where even a preemption point's own work overflows. With {@code yield}
 * it also calls the kernel at the edge.
 */
public final class FinallyRecursion implements Program {
    private Process self;
    private boolean callKernel;
    private long calls;

    @Override
    public void main(Process self) {
        this.self = self;
        this.callKernel = self.arg(0, "plain").equals("yield");
        self.print("recursing in finally blocks");
        f();
    }

    private void f() {
        try {
            calls++;
            if (callKernel) self.yield();
            f();
        } finally {
            f();
        }
    }
}
