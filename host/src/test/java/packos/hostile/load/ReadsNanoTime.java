package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: reads the host'\''s monotonic clock. */
public final class ReadsNanoTime implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print("host nanos " + System.nanoTime());
    }
}
