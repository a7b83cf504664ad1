package packos.hostile.run;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Catches everything, a kill included, and carries on: after the scheduler kills it, it must
 * never run again (no line after "killed"), and after the machine halts it must not spin on.
 */
public final class UnkillableLoop implements Program {
    @Override
    public void main(Process self) {
        long spins = 0;
        int reports = 0;
        while (true) {
            try {
                while (true) {
                    if (++spins % 50_000_000 == 0) self.print("still here, report " + ++reports);
                }
            } catch (Throwable t) {
                try {
                    self.print("caught " + t.getClass().getSimpleName() + "; carrying on");
                } catch (Throwable again) {
                    // carry on regardless
                }
            }
        }
    }
}
