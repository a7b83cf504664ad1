package packos.hostile.freeze;

import packos.lib.Process;
import packos.lib.Program;

/**
 * {@code try { f(); } finally { f(); }}: every call at the edge of the stack overflows, and each
 * finally block calls down again, so the program spends nearly all its time within a few frames
 * of the edge, where a safepoint has no stack to take the CPU with.
 */
public final class FinallyRecursion implements Program {
    @Override
    public void main(Process self) {
        self.print("recursing");
        f();
        self.print("returned");
    }

    private static void f() {
        try {
            f();
        } finally {
            f();
        }
    }
}
