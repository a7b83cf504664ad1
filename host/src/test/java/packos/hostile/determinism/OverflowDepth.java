package packos.hostile.determinism;

import packos.lib.Process;
import packos.lib.Program;

/** Recurses until its stack overflows and prints how deep it got: the same number in every run, or determinism is broken. */
public final class OverflowDepth implements Program {
    private int depth;

    @Override
    public void main(Process self) {
        for (int round = 0; round < 3; round++) {
            depth = 0;
            try {
                down(round);
            } catch (StackOverflowError e) {
                self.print("overflowed at depth " + depth);
            }
        }
    }

    private long down(long x) {
        depth++;
        return down(x + 1) + x;
    }
}
