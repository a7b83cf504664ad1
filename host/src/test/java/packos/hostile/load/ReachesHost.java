package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: calls into the PackOS host. */
public final class ReachesHost implements Program {
    @Override
    public void main(Process self) throws Exception {
        packos.host.Main.commandLine().execute("run", "simple");
    }
}
