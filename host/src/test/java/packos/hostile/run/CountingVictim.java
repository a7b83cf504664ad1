package packos.hostile.run;

import packos.lib.Process;
import packos.lib.Program;

/** A victim that needs no timer: ROUNDS rounds of work (default 20), yielding between them. */
public final class CountingVictim implements Program {
    @Override
    public void main(Process self) {
        int rounds = Integer.parseInt(self.arg(0, "20"));
        long checksum = 0;
        for (int i = 1; i <= rounds; i++) {
            checksum += TickingVictim.collatzSteps(27L * i);
            self.yield();
        }
        self.print("victim done: " + rounds + " rounds, checksum " + checksum);
    }
}
