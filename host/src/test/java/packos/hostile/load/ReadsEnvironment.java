package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: reads the host'\''s environment. */
public final class ReadsEnvironment implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print("home " + System.getenv("HOME"));
    }
}
