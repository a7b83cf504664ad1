package packos.hostile.load;


import packos.lib.Process;
import packos.lib.Program;

/** Hostile: reads the host'\''s wall clock. */
public final class ReadsCurrentTimeMillis implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print("host time " + System.currentTimeMillis());
    }
}
