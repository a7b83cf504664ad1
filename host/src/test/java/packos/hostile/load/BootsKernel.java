package packos.hostile.load;

import packos.kernel.Kernel;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: builds a kernel of its own. */
public final class BootsKernel implements Program {
    @Override
    public void main(Process self) throws Exception {
        var k = new Kernel(null, null, null);
        self.print("kernel " + k);
    }
}
