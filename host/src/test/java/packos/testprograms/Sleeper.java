package packos.testprograms;

import java.util.SplittableRandom;
import packos.lib.Process;
import packos.lib.Program;

/**
 * Sleeps SLEEPS times on one-shot {@link packos.lib.net.Timer}s of random lengths up to MAX_US,
 * each opened and closed around one wait, and checks each woke no earlier than asked. Prints
 * "sleeps: N, none early, at most L us late, finished at T ms", or the first early one.
 * Arguments: SLEEPS MAX_US (200 20000).
 */
public final class Sleeper implements Program {
    @Override
    public void main(Process self) {
        int sleeps = Integer.parseInt(self.arg(0, "200"));
        long max = Long.parseLong(self.arg(1, "20000"));
        var random = new SplittableRandom(self.sys().random());
        long latest = 0;
        for (int i = 1; i <= sleeps; i++) {
            long micros = random.nextLong(1, max + 1);
            long before = self.now();
            try (var timer = self.net().timer(micros, false)) {
                timer.await();
            }
            long slept = self.now() - before;
            if (slept < micros * 1_000L) {
                self.print("sleeps: sleep " + i + " of " + micros + " us woke after " + slept / 1000 + " us, early");
                return;
            }
            latest = Math.max(latest, slept - micros * 1_000L);
        }
        self.print("sleeps: " + sleeps + ", none early, at most " + latest / 1000 + " us late, finished at " + self.now() / 1_000_000 + " ms");
    }
}
