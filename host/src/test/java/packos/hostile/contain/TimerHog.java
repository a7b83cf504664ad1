package packos.hostile.contain;

import packos.kernel.ErrorCode;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.UdpSocket;
import packos.lib.timer.TimerReply;

/** Opens timers without end (argument: how many, 3000), counting the refusals, then ends with them all open. */
public final class TimerHog implements Program {
    private int refused;

    @Override
    public void main(Process self) throws Exception {
        int count = Integer.parseInt(self.arg(0, "3000"));
        var socket = self.net().udp();
        for (int id = 1; id <= count; id++) {
            self.timers().open(socket, id, 60_000_000, false);
            drain(socket);
        }
        self.yield();
        drain(socket);
        self.print("opened " + count + " timers; " + refused + " refused with " + ErrorCode.OUT_OF_MEMORY.displayName());
    }

    private void drain(UdpSocket socket) throws Exception {
        for (var d = socket.poll(); d != null; d = socket.poll()) {
            if (TimerReply.decode(d.data()).error() == ErrorCode.OUT_OF_MEMORY.number()) refused++;
        }
    }
}
