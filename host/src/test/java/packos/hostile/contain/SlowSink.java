package packos.hostile.contain;

import packos.lib.Process;
import packos.lib.Program;

/** A victim on UDP 9 that takes one datagram per turn and yields: slower than any flood. */
public final class SlowSink implements Program {
    @Override
    public void main(Process self) {
        var socket = self.net().udp(9);
        while (true) {
            socket.receive();
            self.yield();
        }
    }
}
