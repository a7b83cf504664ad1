package packos.testprograms;

import packos.lib.Process;
import packos.lib.Program;
import packos.lib.timer.TimerReply;

/**
 * Counts TICKS ticks of a repeating PERIOD_US timer opened through {@code self.timers()}, checking
 * that no tick comes less than a period after the one before (a timer never fires early, whatever
 * happens to the service), and notes the largest lateness. Prints
 * "ticks: N every P us, none early, at most L us late, finished at T ms", or what went wrong.
 * Arguments: TICKS PERIOD_US (100 10000).
 */
public final class TickCounter implements Program {
    @Override
    public void main(Process self) throws Exception {
        int ticks = Integer.parseInt(self.arg(0, "100"));
        long periodMicros = Long.parseLong(self.arg(1, "10000"));
        long period = periodMicros * 1_000L;
        var socket = self.net().udp();
        self.timers().open(socket, 1, periodMicros, true);
        long last = self.now();
        long latest = 0;
        for (int i = 1; i <= ticks; ) {
            var reply = TimerReply.decode(socket.receive().data());
            if (!reply.isTick()) {
                self.print("ticks: the service answered " + reply);
                return;
            }
            long now = self.now();
            if (now - last < period) {
                self.print("ticks: tick " + i + " came " + (now - last) / 1000 + " us after the last, early");
                return;
            }
            latest = Math.max(latest, now - last - period);
            last = now;
            i++;
        }
        self.timers().close(socket, 1);
        self.print("ticks: " + ticks + " every " + periodMicros + " us, none early, at most " + latest / 1000 + " us late, finished at "
                + self.now() / 1_000_000 + " ms");
    }
}
