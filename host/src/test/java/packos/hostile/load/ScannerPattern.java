package packos.hostile.load;

import java.util.Scanner;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: runs its own pattern over a Scanner's buffer, where the engine cannot be preempted. */
public final class ScannerPattern implements Program {
    @Override
    public void main(Process self) {
        var scanner = new Scanner("a".repeat(40) + "c");
        self.print(scanner.findInLine("((a+)+)+b"));
    }
}
