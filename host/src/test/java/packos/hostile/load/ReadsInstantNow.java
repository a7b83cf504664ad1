package packos.hostile.load;

import java.time.Instant;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: reads the host clock through java.time. */
public final class ReadsInstantNow implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print("now " + Instant.now());
    }
}
