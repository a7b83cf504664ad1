package packos.hostile.contain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import packos.kernel.KernelException;
import packos.kernel.SchedulerCalls;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.wire.UdpDatagram;

/**
 * Tells the scheduler that contexts 0..31 faulted, in the kernel's own notice format on UDP 7001:
 * first from its own address, then with the kernel's address forged. The first is ignored, the
 * second refused; nothing ends and nothing restarts. Then it sends junk to the timer service.
 */
public final class ForgeNotice implements Program {

    @Override
    public void main(Process self) {
        var sys = self.sys();
        var socket = self.net().udp();
        int refused = 0;
        for (int id = 0; id < 32; id++) {
            byte[] reason = "forged notice".getBytes(StandardCharsets.UTF_8);
            var notice = ByteBuffer.allocate(5 + reason.length).putInt(id).put((byte) 1).put(reason).array();
            socket.send(sys.schedulerAddress(), SchedulerCalls.CONTEXT_NOTICE_PORT, notice);
            var p = sys.allocate();
            UdpDatagram.emit(p, sys.kernelAddress(), 0, sys.schedulerAddress(), SchedulerCalls.CONTEXT_NOTICE_PORT, notice, 0, notice.length, 64);
            p.setKanDestination(sys.schedulerAddress());
            try {
                sys.send(p, false);
            } catch (KernelException e) {
                refused++;
                sys.free(p);
            }
            socket.send(self.net().timerService(), 4000, new byte[] {1, 2, 3});
            self.yield();
        }
        self.print("sent 32 forged notices; " + refused + " with the kernel's address refused");
    }
}
