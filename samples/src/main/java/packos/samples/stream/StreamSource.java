package packos.samples.stream;

import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;

/**
 * Sends {@link StreamPattern} to a TCP server: arguments ADDRESS PORT BYTES [SEED], the seed
 * {@link StreamSink#SEED} unless given (another seed makes a stream the sink must refuse). Half-closes
 * after the last byte and waits for the server to close in turn, so every byte was taken when it
 * prints {@code sent N bytes to [ADDR]:PORT in T ms} and ends. A refused or broken connection
 * ends it with that error (a failed process).
 */
public final class StreamSource implements Program {
    @Override
    public void main(Process self) {
        if (self.args().size() < 3 || self.args().size() > 4) throw new IllegalArgumentException("usage: StreamSource ADDRESS PORT BYTES [SEED]");
        var destination = Address.parse(self.args().get(0));
        int port = Integer.parseInt(self.args().get(1));
        long bytes = Long.parseLong(self.args().get(2));
        if (bytes < 0) throw new IllegalArgumentException("BYTES is " + bytes + ", not a count");
        var pattern = new StreamPattern(Long.parseLong(self.arg(3, Long.toString(StreamSink.SEED))));
        long started = self.now();
        try (var s = self.net().connect(destination, port)) {
            byte[] buffer = new byte[64 * 1024];
            for (long sent = 0; sent < bytes; ) {
                int n = (int) Math.min(buffer.length, bytes - sent);
                pattern.fill(sent, buffer, 0, n);
                s.write(buffer, 0, n);
                sent += n;
            }
            s.shutdownOutput();
            // The server closes once it has everything: until then bytes may still be in flight.
            while (s.read(buffer, 0, buffer.length) >= 0) { }
        }
        self.print("sent " + bytes + " bytes to [" + destination + "]:" + port + " in " + (self.now() - started) / 1_000_000 + " ms");
    }
}
