package packos.hostile.contain;

import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;

/** Sends datagrams to the victim (argument: its address, UDP 9) as fast as it can, forever, never waiting for room. */
public final class FloodPeer implements Program {
    @Override
    public void main(Process self) {
        var victim = Address.parse(self.arg(0, "fd00:7e8e::3"));
        var socket = self.net().udp();
        byte[] junk = new byte[512];
        self.print("flooding " + victim);
        while (true) socket.trySend(victim, 9, junk, 0, junk.length);
    }
}
