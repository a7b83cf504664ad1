package packos.hostile.contain;

import java.nio.charset.StandardCharsets;
import java.util.List;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.wire.UdpDatagram;

/**
 * Sends datagrams to the victim (argument: its address) with a forged IPv6 source: the victim's
 * own, the kernel's, the scheduler's, a stranger's. Each must be refused (SourceNotOwned) with
 * the packet left to the sender.
 */
public final class SpoofSource implements Program {
    @Override
    public void main(Process self) {
        var sys = self.sys();
        var victim = Address.parse(self.arg(0, "fd00:7e8e::3"));
        byte[] text = "forged".getBytes(StandardCharsets.UTF_8);
        var forgeries = List.of(victim, sys.kernelAddress(), sys.schedulerAddress(), sys.kanPrefix().address().withInterfaceId(0xbad));
        int refused = 0, tries = 0;
        boolean kept = true;
        for (var forged : forgeries) {
            for (int i = 0; i < 25; i++) {
                tries++;
                var p = sys.allocate();
                UdpDatagram.emit(p, forged, 9, victim, 9, text, 0, text.length, 64);
                p.setKanDestination(victim);
                try {
                    sys.send(p, false);
                    self.print("a spoofed datagram got through as " + forged);
                } catch (KernelException e) {
                    if (e.code() == ErrorCode.SOURCE_NOT_OWNED) refused++;
                    kept &= p.alive();
                    sys.free(p);
                }
            }
        }
        self.print("spoofing refused " + refused + " of " + tries + " times; the packet stayed mine every time: " + kept);
    }
}
