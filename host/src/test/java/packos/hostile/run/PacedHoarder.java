package packos.hostile.run;

import java.util.ArrayList;
import java.util.List;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.timer.TimerReply;
import packos.lib.wire.MalformedPacketException;

/**
 * Keeps all it allocates, paced to stay under its heap rate: MIB mebibytes (default 1) at every
 * tick of a PERIOD ms timer (default 10), so 100 MiB/s of machine time against the default
 * 256 MiB/s. Its rate never gives it away; only what it keeps can. It prints how much it holds
 * every 256 MiB.
 */
public final class PacedHoarder implements Program {
    @Override
    public void main(Process self) throws MalformedPacketException {
        int mib = Integer.parseInt(self.arg(0, "1"));
        long periodMillis = Long.parseLong(self.arg(1, "10"));
        var sock = self.net().udp(5001);
        self.timers().open(sock, 1, periodMillis * 1000, true);
        List<byte[]> keep = new ArrayList<>();
        self.print("hoarding " + mib + " MiB every " + periodMillis + " ms");
        while (true) {
            var reply = TimerReply.decode(sock.receive().data());
            if (!reply.isTick()) throw new IllegalStateException("timer error " + reply.errorCode().displayName());
            for (int i = 0; i < mib; i++) keep.add(new byte[1 << 20]);
            if (keep.size() % 256 == 0) self.print("holding " + keep.size() + " MiB");
        }
    }
}
