package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: reads a host system property. */
public final class ReadsSystemProperty implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print("user " + System.getProperty("user.name"));
    }
}
