package packos.hostile.freeze;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Recurses to the edge of its stack and makes kernel calls there, at every depth on the way back
 * up: a yield (argument {@code yield}, the default), which parks the thread, or a read of the
 * time ({@code now}). It catches every error and goes on; it must neither stop the machine nor
 * leave the kernel half way through a call.
 */
public final class KernelCallsAtTheEdge implements Program {
    static Process process;
    static String call;
    static long calls, errors;

    @Override
    public void main(Process self) {
        process = self;
        call = self.arg(0, "yield");
        self.print("descending");
        for (int round = 0; ; round++) {
            down(0);
            if (round % 10 == 0) self.print("round " + round);
        }
    }

    private static long down(int depth) {
        long r;
        try {
            r = down(depth + 1);
        } catch (StackOverflowError e) {
            r = depth;
        }
        for (int i = 0; i < 4; i++) {
            try {
                calls++;
                if (call.equals("yield")) process.yield();
                else r += process.now() & 1;
            } catch (StackOverflowError e) {
                errors++;
            }
        }
        return r;
    }
}
