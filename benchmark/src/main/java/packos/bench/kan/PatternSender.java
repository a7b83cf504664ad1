package packos.bench.kan;

import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;
import packos.samples.stream.StreamPattern;

/**
 * Sends a fixed number of bytes of a {@link StreamPattern} to {@link PatternReceiver}, then
 * half-closes and waits for the receiver to close in turn, so that every byte is acknowledged
 * when it reports. Prints {@code tcp-transfer started=NS} on the machine clock as it connects,
 * and its connection's counters at the end.
 *
 * <p>Arguments: receiver address, bytes, pattern seed, bytes per write, TCP buffer bytes (0: the
 * library's default).
 */
public final class PatternSender implements Program {

    @Override
    public void main(Process self) {
        var receiver = Address.parse(self.arg(0, ""));
        long bytes = Long.parseLong(self.arg(1, "100000000"));
        var pattern = new StreamPattern(Long.parseLong(self.arg(2, "1")));
        int writeBytes = Integer.parseInt(self.arg(3, "65536"));
        TcpBuffers.apply(self, Integer.parseInt(self.arg(4, "0")));
        var data = new byte[writeBytes];
        self.print("tcp-transfer started=" + self.sys().now());
        try (var socket = self.net().connect(receiver, Wire.TCP_PORT)) {
            for (long sent = 0; sent < bytes; ) {
                int n = (int) Math.min(writeBytes, bytes - sent);
                pattern.fill(sent, data, 0, n);
                socket.write(data, 0, n);
                sent += n;
            }
            socket.shutdownOutput();
            if (socket.read(data, 0, data.length) != -1) {
                throw new IllegalStateException("the receiver sent data instead of closing");
            }
            var stats = socket.stats();
            self.print("tcp-transfer sender segments=" + stats.segmentsSent() + " retransmits=" + stats.retransmits()
                    + " fast=" + stats.fastRetransmits() + " timeouts=" + stats.timeouts());
        }
    }
}
