package packos.testprograms;

import packos.lib.Process;
import packos.lib.Program;

/** Sends every datagram on UDP PORT back where it came from, for ever. Arguments: PORT (7). */
public final class UdpEchoServer implements Program {
    @Override
    public void main(Process self) {
        var socket = self.net().udp(Integer.parseInt(self.arg(0, "7")));
        while (true) {
            var d = socket.receive();
            socket.send(d.source(), d.sourcePort(), d.data());
        }
    }
}
