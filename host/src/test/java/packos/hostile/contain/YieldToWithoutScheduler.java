package packos.hostile.contain;

import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;

/**
 * Wants to hand CPUs out (yieldTo, create, kill) without capability "scheduler": the scheduler
 * calls are the only way to them, and asking for them is refused. It asks three times and ends.
 */
public final class YieldToWithoutScheduler implements Program {
    @Override
    public void main(Process self) {
        int refused = 0;
        String message = "";
        for (int i = 0; i < 3; i++) {
            try {
                var calls = self.sys().scheduler();
                calls.yieldTo(calls.contexts().getFirst());
                self.print("got the scheduler's calls");
            } catch (KernelException e) {
                refused++;
                message = e.getMessage();
            }
        }
        self.print("scheduler calls refused " + refused + " times: " + message);
    }
}
