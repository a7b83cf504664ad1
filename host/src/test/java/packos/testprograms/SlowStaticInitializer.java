package packos.testprograms;

import packos.lib.Process;
import packos.lib.Program;

/**
 * A program whose class takes several clock ticks to initialise: its static initializer computes
 * for a while (instrumented loops, so it meets preemption points) before {@code main} runs.
 */
public final class SlowStaticInitializer implements Program {
    private static final long TABLE;

    static {
        long x = 0;
        for (int i = 0; i < 30_000_000; i++) x += (long) i * 31 ^ (x >>> 7);
        TABLE = x;
    }

    @Override
    public void main(Process self) {
        self.print("initialised (" + (TABLE != 0) + "), main runs");
    }
}
