package packos.hostile.contain;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Spins without calling the kernel until machine time reaches the argument (ms, 200), counting
 * loop iterations, then prints the count. Only the clock can take its CPU: its loop's back-edges
 * are the instrumented preemption points, and in virtual time they are the CPU time that passes.
 */
public final class Spinner implements Program {
    @Override
    public void main(Process self) {
        long until = Long.parseLong(self.arg(0, "200")) * 1_000_000L;
        long count = 0;
        while (true) {
            if ((++count & 0xFFFF) == 0 && self.now() >= until) break;
        }
        self.print("spun " + count);
    }
}
