package packos.hostile.contain;

import packos.lib.Process;
import packos.lib.Program;

/** A victim listening on UDP 9: prints each datagram it gets ("got: TEXT from ADDRESS"). */
public final class Collector implements Program {
    @Override
    public void main(Process self) {
        var socket = self.net().udp(9);
        while (true) {
            var d = socket.receive();
            self.print("got: " + d.text() + " from " + d.source());
        }
    }
}
