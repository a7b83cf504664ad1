package packos.hostile.load;

import packos.machine.VirtualClock;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: starts a machine clock of its own (a host thread). */
public final class UsesMachineClock implements Program {
    @Override
    public void main(Process self) throws Exception {
        var clock = new VirtualClock(100);
        self.print("clock " + clock);
    }
}
