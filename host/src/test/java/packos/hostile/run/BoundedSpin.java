package packos.hostile.run;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Computes for a long while (about a second on today's machines) without calling the kernel, then
 * prints "spun: RESULT at T us", T being the machine time the computation ended, and ends.
 */
public final class BoundedSpin implements Program {
    @Override
    public void main(Process self) {
        self.print("spinning");
        long x = 1;
        for (int i = 0; i < Integer.MAX_VALUE; i++) x = x * 31 + i;
        long done = self.now();
        self.print("spun: " + x + " at " + done / 1_000 + " us");
    }
}
