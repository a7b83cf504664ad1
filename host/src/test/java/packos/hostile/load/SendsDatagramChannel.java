package packos.hostile.load;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: sends a UDP datagram on a host channel, past the KAN. */
public final class SendsDatagramChannel implements Program {
    @Override
    public void main(Process self) throws Exception {
        try (var ch = DatagramChannel.open()) {
            ch.send(ByteBuffer.wrap(new byte[] {1}), new InetSocketAddress("::1", 9));
        }
    }
}
