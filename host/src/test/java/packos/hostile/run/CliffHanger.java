package packos.hostile.run;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Recurses to the very edge of its stack, catches the StackOverflowError there and computes on
 * the edge, frame after frame on the way back up: each preemption point it passes then reaches
 * the kernel with almost no stack left. The kernel must not overflow halfway through its work;
 * the program gets its StackOverflowError at the poll instead, and in the end exits normally.
 */
public final class CliffHanger implements Program {
    private static int overflows;

    @Override
    public void main(Process self) {
        self.print("climbing down");
        long sum = hang(0);
        self.print("climbed back up: " + (sum != 0) + ", overflows caught " + (overflows > 0));
    }

    private static long hang(int depth) {
        try {
            return hang(depth + 1) + 1;
        } catch (StackOverflowError e) {
            // The deepest few hundred frames compute long enough for clock ticks to land there.
            int spins = ++overflows < 300 ? 1_000_000 : 1_000;
            long x = depth;
            for (int i = 0; i < spins; i++) x += i ^ depth;
            return x;
        }
    }
}
