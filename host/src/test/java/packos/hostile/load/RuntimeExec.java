package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: runs a host process through Runtime.exec. */
public final class RuntimeExec implements Program {
    @Override
    public void main(Process self) throws Exception {
        Runtime.getRuntime().exec(new String[] {"true"});
    }
}
