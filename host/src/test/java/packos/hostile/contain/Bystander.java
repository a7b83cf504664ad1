package packos.hostile.contain;

import packos.lib.Process;
import packos.lib.Program;
import packos.lib.timer.TimerReply;

/**
 * A victim with work of its own: TICKS ticks of a PERIOD_MS timer, each checked to come exactly
 * one period after the last (in virtual time) and to be received within TOLERANCE_MS of being sent, and a sum
 * checked against its formula. Prints "bystander: N ticks on time, work correct, finished at T ms",
 * or a line saying what went wrong. Arguments: TICKS PERIOD_MS TOLERANCE_MS (20 10 20).
 */
public final class Bystander implements Program {
    @Override
    public void main(Process self) throws Exception {
        int ticks = Integer.parseInt(self.arg(0, "20"));
        long period = Long.parseLong(self.arg(1, "10")) * 1_000_000L;
        long tolerance = Long.parseLong(self.arg(2, "20")) * 1_000_000L;
        var socket = self.net().udp();
        self.timers().open(socket, 1, period / 1000, true);
        long last = -1;
        long sum = 0;
        for (int i = 1; i <= ticks; i++) {
            var tick = TimerReply.decode(socket.receive().data());
            long sent = tick.machineTimeNanos();
            long late = self.now() - sent;
            // In real time ticks jitter; in virtual time each is exactly one period after the last.
            if (last >= 0 && self.sys().clockIsVirtual() && sent - last != period) {
                self.print("bystander: tick " + i + " came " + (sent - last) / 1000 + " us after the last, not " + period / 1000);
                return;
            }
            if (late > tolerance) {
                self.print("bystander: tick " + i + " received " + late / 1000 + " us late");
                return;
            }
            last = sent;
            for (int k = 1; k <= 1000; k++) sum += k;
        }
        self.timers().close(socket, 1);
        boolean correct = sum == (long) ticks * 1000 * 1001 / 2;
        self.print("bystander: " + ticks + " ticks on time, work " + (correct ? "correct" : "WRONG") + ", finished at "
                + self.now() / 1_000_000 + " ms");
    }
}
