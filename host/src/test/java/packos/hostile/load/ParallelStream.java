package packos.hostile.load;

import java.util.stream.IntStream;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: sums on the JVM'\''s shared fork-join pool threads. */
public final class ParallelStream implements Program {
    @Override
    public void main(Process self) throws Exception {
        self.print("sum " + IntStream.range(0, 1000).parallel().sum());
    }
}
