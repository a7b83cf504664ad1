package packos.hostile.run;

import packos.lib.Process;
import packos.lib.Program;

/** Computes for a long while (about a second on today's machines) without calling the kernel, then ends. */
public final class BoundedSpin implements Program {
    @Override
    public void main(Process self) {
        self.print("spinning");
        long x = 1;
        for (int i = 0; i < Integer.MAX_VALUE; i++) x = x * 31 + i;
        self.print("spun: " + x);
    }
}
