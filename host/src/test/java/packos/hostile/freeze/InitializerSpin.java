package packos.hostile.freeze;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Spins for ever inside a static initializer, where a thread cannot give its CPU up. With
 * argument {@code catch}, the initializer catches everything thrown at it and spins again.
 */
public final class InitializerSpin implements Program {
    @Override
    public void main(Process self) {
        boolean catching = self.arg(0, "plain").equals("catch");
        self.print("initializing");
        long v = catching ? Stubborn.VALUE : Spinning.VALUE;
        self.print("initialized: " + v);
    }

    static final class Spinning {
        static final long VALUE = spin();

        private static long spin() {
            long x = 1;
            while (x != 0) x = x * 3 | 1;
            return x;
        }
    }

    static final class Stubborn {
        static long caught;
        static final long VALUE;

        static {
            while (caught >= 0) {
                try {
                    while (caught >= 0) caught += 2;
                } catch (Throwable t) {
                    caught = 1;
                }
            }
            VALUE = caught;
        }
    }
}
