package packos.hostile.load;

import packos.kernel.ContextLimits;
import packos.kernel.Signals;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: names the kernel'\''s signals, which only the instrumenter may plant. */
public final class NamesSignals implements Program {
    @Override
    public void main(Process self) throws Exception {
        var s = new Signals(new ContextLimits(1, 1, 1, 1));
        s.poll();
    }
}
