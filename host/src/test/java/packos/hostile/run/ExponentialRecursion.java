package packos.hostile.run;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Runs for ages without a single loop: a recursion tree 60 calls deep and 2^60 calls wide. It
 * never overflows the stack and never takes a back-edge; only the preemption point at each
 * method's entry takes its CPU away.
 */
public final class ExponentialRecursion implements Program {
    @Override
    public void main(Process self) {
        self.print("branching for ever");
        self.print("result " + branch(60));
    }

    private static long branch(int depth) {
        if (depth == 0) return 1;
        return branch(depth - 1) + branch(depth - 1);
    }
}
