package packos.hostile.load;

import java.util.concurrent.Executors;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: runs work on an executor's pool threads. */
public final class SubmitsToExecutor implements Program {
    @Override
    public void main(Process self) throws Exception {
        var pool = Executors.newSingleThreadExecutor();
        pool.submit(() -> self.print("escaped")).get();
        pool.shutdown();
    }
}
