package packos.hostile.load;

import java.util.function.LongSupplier;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: reads the host clock through a method reference. */
public final class MethodRefToClock implements Program {
    @Override
    public void main(Process self) throws Exception {
        LongSupplier clock = System::nanoTime;
        self.print("nanos " + clock.getAsLong());
    }
}
