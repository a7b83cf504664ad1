package packos.hostile.contain;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Prints lines of LENGTH characters (default 1000) as fast as it can until MILLIS of machine time
 * (default 3000) have passed, never waiting: the 2 GB printer. Then prints how many it tried and
 * ends.
 */
public final class ConsoleFlood implements Program {
    @Override
    public void main(Process self) {
        long millis = Long.parseLong(self.arg(0, "3000"));
        int length = Integer.parseInt(self.arg(1, "1000"));
        String line = "x".repeat(length);
        long end = self.now() + millis * 1_000_000L;
        long printed = 0;
        while (self.now() < end) {
            self.print(line);
            printed++;
        }
        self.print("flood over: " + printed + " lines of " + length + " characters tried");
    }
}
