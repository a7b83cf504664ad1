package packos.hostile.freeze;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Makes a kernel call that gives the CPU up (argument {@code receive}, {@code yield} or
 * {@code timer}, a receive of a timer's tick) inside a static initializer: a thread parked there pins its carrier. The
 * process must fault, naming the call; catching the fault inside the initializer does not help.
 */
public final class InitializerWaits implements Program {
    static Process process;
    static String call;

    @Override
    public void main(Process self) {
        process = self;
        call = self.arg(0, "receive");
        self.print("initializing");
        try {
            self.print("initialized: " + Waiting.VALUE);
        } catch (Throwable t) {
            self.print("caught " + t.getClass().getSimpleName() + "; waiting again");
            process.net().udp(6001).receive();
        }
    }

    static final class Waiting {
        static final int VALUE;

        static {
            int v = 0;
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    switch (call) {
                        case "receive" -> v += process.net().udp(6000 + attempt * 10).receive().data().length;
                        case "yield" -> process.yield();
                        case "timer" -> {
                            var socket = process.net().udp(7100 + attempt);
                            process.timers().open(socket, 1, 1_000, false);
                            v += socket.receive().data().length;
                        }
                        default -> throw new IllegalArgumentException(call);
                    }
                } catch (Throwable t) {
                    v--;
                }
            }
            VALUE = v;
        }
    }
}
