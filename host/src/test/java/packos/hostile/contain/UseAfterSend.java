package packos.hostile.contain;

import java.nio.charset.StandardCharsets;
import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.wire.UdpDatagram;

/**
 * Sends "intact" to the victim (argument: its address, UDP 9), then writes "EVIL!!" over the
 * packet it no longer owns. The write is a fault that ends this process; the victim gets "intact".
 */
public final class UseAfterSend implements Program {
    @Override
    public void main(Process self) {
        var sys = self.sys();
        var victim = Address.parse(self.arg(0, "fd00:7e8e::3"));
        byte[] text = "intact".getBytes(StandardCharsets.UTF_8);
        var p = sys.allocate();
        UdpDatagram.emit(p, self.address(), 9, victim, 9, text, 0, text.length, 64);
        p.setKanDestination(victim);
        sys.send(p, false);
        p.put(UdpDatagram.HEADERS_LENGTH, "EVIL!!".getBytes(StandardCharsets.UTF_8));
        self.print("wrote into a packet after sending it");
    }
}
