package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: ends the whole host JVM with System.exit. */
public final class ExitsTheJvm implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print("goodbye, everyone");
        System.exit(3);
    }
}
