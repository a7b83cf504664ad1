package packos.testprograms;

import java.util.List;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.sched.SchedulerControl;

/** Asks the scheduler to spawn the program its first argument names, with the rest as arguments, and prints what came of it. */
public final class Spawner implements Program {
    @Override
    public void main(Process self) {
        var program = self.args().getFirst();
        try {
            var child = SchedulerControl.spawn(self, program, self.args().subList(1, self.args().size()));
            self.print("spawned " + program + " at " + child);
        } catch (KernelException e) {
            self.print("spawn " + program + ": " + e.code().displayName());
        }
    }
}
