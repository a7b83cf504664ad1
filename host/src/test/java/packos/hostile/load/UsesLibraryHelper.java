package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: calls a helper class it brings along, which reads the host clock. */
public final class UsesLibraryHelper implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print("helper says " + Helper.stamp());
    }
}
