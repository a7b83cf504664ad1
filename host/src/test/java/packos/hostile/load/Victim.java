package packos.hostile.load;

import packos.lib.Process;
import packos.lib.Program;

/**
 * The process that runs beside each hostile one and must finish its own work correctly: it
 * counts the primes below a bound (argument 0, default 20000) by trial division, yielding every
 * thousand numbers, and prints {@code victim: N primes below BOUND}.
 */
public final class Victim implements Program {
    @Override
    public void main(Process self) {
        int bound = Integer.parseInt(self.arg(0, "20000"));
        int primes = 0;
        for (int n = 2; n < bound; n++) {
            if (isPrime(n)) primes++;
            if (n % 1000 == 0) self.yield();
        }
        self.print("victim: " + primes + " primes below " + bound);
    }

    private static boolean isPrime(int n) {
        for (int d = 2; (long) d * d <= n; d++) if (n % d == 0) return false;
        return true;
    }
}
