package packos.hostile.contain;

import packos.lib.Process;
import packos.lib.Program;

/** Throws and catches a storm of exceptions (argument: how many, 2000), then lets one escape: every life. */
public final class ExceptionStorm implements Program {
    @Override
    public void main(Process self) {
        int storm = Integer.parseInt(self.arg(0, "2000"));
        int caught = 0;
        for (int i = 0; i < storm; i++) {
            try {
                throw new IllegalStateException("storm " + i);
            } catch (IllegalStateException e) {
                caught++;
            }
        }
        throw new IllegalStateException("the storm's last exception, after " + caught + " caught");
    }
}
