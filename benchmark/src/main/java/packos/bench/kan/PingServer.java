package packos.bench.kan;

import packos.lib.Process;
import packos.lib.Program;

/** Sends every datagram on UDP 7 straight back to where it came from. Runs until the machine halts. */
public final class PingServer implements Program {

    @Override
    public void main(Process self) {
        var socket = self.net().udp(Wire.ECHO_PORT);
        self.print("echoing on [" + self.address() + "]:" + Wire.ECHO_PORT);
        while (true) {
            var d = socket.receive();
            socket.send(d.source(), d.sourcePort(), d.data());
        }
    }
}
