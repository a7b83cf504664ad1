package packos.testprograms;

import packos.lib.Process;
import packos.lib.Program;

/** Works a little, then ends with an uncaught exception: a fault that must end this process alone. */
public final class FaultingProgram implements Program {
    @Override
    public void main(Process self) {
        self.print("about to fail");
        self.yield();
        throw new IllegalStateException("deliberate failure for a test");
    }
}
