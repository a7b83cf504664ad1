package packos.hostile.load;

import packos.lib.Process;
import packos.lib.Program;

/** Hostile: prints an identity hash code, which differs from one JVM run to the next. */
public final class PrintsIdentityHash implements Program {
    @Override
    public void main(Process self) {
        self.print("me " + System.identityHashCode(this));
    }
}
