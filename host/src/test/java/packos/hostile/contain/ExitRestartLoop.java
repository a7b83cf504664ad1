package packos.hostile.contain;

import packos.lib.Process;
import packos.lib.Program;

/** Ends cleanly the moment it starts: under restart=always, a restart loop the policy must bound. */
public final class ExitRestartLoop implements Program {
    @Override
    public void main(Process self) {
        // Nothing: every life ends at once.
    }
}
