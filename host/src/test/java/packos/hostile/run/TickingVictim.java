package packos.hostile.run;

import packos.lib.Process;
import packos.lib.Program;
import packos.lib.timer.TimerReply;
import packos.lib.wire.MalformedPacketException;

/**
 * The process beside a hostile one: a timer every PERIOD ms (default 50); at each tick it works
 * out a result and prints it with the machine time since it started. It ends after COUNT ticks
 * (default 10) with a line the tests look for.
 */
public final class TickingVictim implements Program {
    public static final int PORT = 5000;

    @Override
    public void main(Process self) throws MalformedPacketException {
        int count = Integer.parseInt(self.arg(0, "10"));
        long periodMillis = Long.parseLong(self.arg(1, "50"));
        var sock = self.net().udp(PORT);
        long start = self.now();
        self.timers().open(sock, 1, periodMillis * 1000, true);
        long checksum = 0;
        for (int i = 1; i <= count; i++) {
            var reply = TimerReply.decode(sock.receive().data());
            if (!reply.isTick()) throw new IllegalStateException("timer error " + reply.errorCode().displayName());
            long result = collatzSteps(27L * i);
            checksum += result;
            long elapsed = reply.machineTimeNanos() - start;
            self.print("tick " + i + " at " + elapsed / 1_000 + " us result " + result);
        }
        self.timers().close(sock, 1);
        self.print("victim done: " + count + " ticks, checksum " + checksum);
        sock.close();
    }

    /** What tick {@code i} prints as its result is {@code collatzStepsForTest(27 * i)}. */
    public static long collatzStepsForTest(long n) { return collatzSteps(n); }

    static long collatzSteps(long n) {
        long steps = 0;
        while (n != 1) {
            n = n % 2 == 0 ? n / 2 : 3 * n + 1;
            steps++;
        }
        return steps;
    }
}
