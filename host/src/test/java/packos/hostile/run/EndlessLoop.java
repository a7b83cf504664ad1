package packos.hostile.run;

import packos.lib.Process;
import packos.lib.Program;

/** Says hello, then spins for ever without calling the kernel again: it must not keep its CPU. */
public final class EndlessLoop implements Program {
    @Override
    public void main(Process self) {
        self.print("spinning for ever");
        while (true) {
            // nothing: no kernel call, no allocation, no way out
        }
    }
}
