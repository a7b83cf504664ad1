package packos.testprograms;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Increments a static counter once and prints it with the name of the class loader that loaded
 * this class. Two processes running it each print 1 if statics are per process.
 */
public final class CountingProgram implements Program {
    private static int runs;

    @Override
    public void main(Process self) {
        runs++;
        self.print("runs=" + runs + " loader=" + getClass().getClassLoader().getName());
    }
}
