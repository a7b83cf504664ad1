package packos.hostile.run;

import packos.lib.Process;
import packos.lib.Program;

/** Recurses without end: a StackOverflowError that must end this process alone. */
public final class DeepRecursion implements Program {
    @Override
    public void main(Process self) {
        self.print("descending");
        self.print("reached " + down(0));
    }

    private static long down(long depth) {
        return down(depth + 1) + 1;
    }
}
