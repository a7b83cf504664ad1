package packos.samples.timer;

import packos.lib.Process;
import packos.lib.Program;
import packos.lib.timer.TimerReply;
import packos.lib.wire.MalformedPacketException;

/**
 * Several timers at once: two repeating at different rates and two one-shots. Each tick prints
 * the machine time it was sent at, relative to the start; in virtual time the figures are exact.
 * The last one-shot closes the repeating timers and ends the process.
 */
public final class TimerDemo implements Program {
    public static final int PORT = 5000;
    private static final String[] NAMES = {"", "fast (every 100 ms)", "slow (every 250 ms)", "one-shot (350 ms)", "alarm (one-shot, 1 s)"};

    @Override
    public void main(Process self) throws MalformedPacketException {
        long scale = Long.parseLong(self.arg(0, "1"));
        var sock = self.net().udp(PORT);
        var timers = self.timers();
        long start = self.now();
        timers.open(sock, 1, 100_000 * scale, true);
        timers.open(sock, 2, 250_000 * scale, true);
        timers.open(sock, 3, 350_000 * scale, false);
        timers.open(sock, 4, 1_000_000 * scale, false);
        int[] counts = new int[NAMES.length];
        while (true) {
            var reply = TimerReply.decode(sock.receive().data());
            if (!reply.isTick()) {
                self.print("timer " + reply.timerId() + ": error " + reply.errorCode().displayName());
                continue;
            }
            int id = reply.timerId();
            counts[id]++;
            long elapsed = reply.machineTimeNanos() - start;
            self.print(String.format("timer %d %-22s tick %2d at %4d.%03d ms", id, NAMES[id], counts[id],
                    elapsed / 1_000_000, (elapsed / 1_000) % 1_000));
            if (id == 4) break;
        }
        timers.close(sock, 1);
        timers.close(sock, 2);
        self.print("done: fast ticked " + counts[1] + " times, slow " + counts[2] + ", one-shot " + counts[3]
                + " (expected 10, 4, 1 by the 1 s alarm)");
        // Real time may coalesce ticks under load; virtual time has no excuse.
        if (self.sys().clockIsVirtual() && (counts[1] != 10 || counts[2] != 4 || counts[3] != 1)) {
            throw new IllegalStateException("timer counts off: " + counts[1] + ", " + counts[2] + ", " + counts[3]);
        }
        sock.close();
    }
}
