package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: locks a string literal: an object every process shares. */
public final class LocksStringLiteral implements Program {
    @Override
    public void main(Process self) throws Exception {
        synchronized ("packos") {
            self.print("holding the shared lock");
        }
    }
}
