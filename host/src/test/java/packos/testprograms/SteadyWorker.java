package packos.testprograms;

import packos.lib.Process;
import packos.lib.Program;

/** Prints a few rounds of progress, yielding between them, then says it is done. */
public final class SteadyWorker implements Program {
    @Override
    public void main(Process self) {
        int rounds = Integer.parseInt(self.arg(0, "5"));
        for (int i = 0; i < rounds; i++) {
            self.print("round " + i);
            self.yield();
        }
        self.print("finished all " + rounds + " rounds");
    }
}
