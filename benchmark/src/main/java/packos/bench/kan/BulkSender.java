package packos.bench.kan;

import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;

/**
 * Connects to {@link BulkReceiver} and writes the same buffer again and again for a given time,
 * then half-closes and waits for the receiver to close in turn: a TCP bulk stream whose content
 * nobody looks at. Waiting for the receiver's FIN lets this side acknowledge it; a sender that
 * ended at once would leave the receiver resending its FIN to nobody until it gives up.
 *
 * <p>Arguments: receiver address, nanoseconds to stream for, bytes per write, TCP buffer bytes
 * (0: the library's default).
 */
public final class BulkSender implements Program {

    @Override
    public void main(Process self) {
        var receiver = Address.parse(self.arg(0, ""));
        long streamFor = Long.parseLong(self.arg(1, "3000000000"));
        int writeBytes = Integer.parseInt(self.arg(2, "65536"));
        TcpBuffers.apply(self, Integer.parseInt(self.arg(3, "0")));
        var sys = self.sys();
        var data = new byte[writeBytes];
        try (var socket = self.net().connect(receiver, Wire.TCP_PORT)) {
            long until = sys.now() + streamFor;
            do {
                socket.write(data, 0, writeBytes);
            } while (sys.now() < until);
            socket.shutdownOutput();
            if (socket.read(data, 0, data.length) != -1) {
                throw new IllegalStateException("the receiver sent data instead of closing");
            }
        }
    }
}
