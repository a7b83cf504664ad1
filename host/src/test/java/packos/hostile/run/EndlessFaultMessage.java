package packos.hostile.run;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Ends with an exception whose message never comes: the kernel asks a fault for its message to
 * say why the process ended, and it must not ask while it holds its own lock, or every process
 * would wait for this one's loop.
 */
public final class EndlessFaultMessage implements Program {
    /** The program's own exception, whose getMessage spins. */
    static final class Endless extends RuntimeException {
        @Override
        public String getMessage() {
            long n = 0;
            while (true) n++;
        }
    }

    @Override
    public void main(Process self) {
        self.print("failing with a message that never ends");
        throw new Endless();
    }
}
