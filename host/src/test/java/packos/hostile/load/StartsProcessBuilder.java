package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: runs a host process through ProcessBuilder. */
public final class StartsProcessBuilder implements Program {
    @Override
    public void main(Process self) throws Exception {
        var p = new ProcessBuilder("true").start();
        self.print("exit " + p.waitFor());
    }
}
