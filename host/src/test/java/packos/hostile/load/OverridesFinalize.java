package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: has a finalizer, which runs on the JVM'\''s finalizer thread. */
public final class OverridesFinalize implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print("made " + new Object());
    }

    @Override
    @SuppressWarnings({"deprecation", "removal"})
    protected void finalize() {
        while (true) { }
    }
}
