package packos.samples.tcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.TcpSocket;

/**
 * The tcp sample's client: connects to the server process (argument 0, a process address) on
 * port 5100, reads the greeting, sends a few lines (one far larger than a segment), checks each
 * acknowledgement, then half-closes and waits for the server to close too. Any mismatch fails it.
 */
public final class GreetingClient implements Program {
    @Override
    public void main(Process self) throws Exception {
        Address server = Address.parse(self.arg(0, "fd00:7e8e::3"));
        var messages = List.of("hello from " + self.name(), "PackOS moves more than one segment now", "x".repeat(50_000), "bye");
        try (TcpSocket s = self.net().connect(server, GreetingServer.PORT)) {
            self.print("connected from port " + s.localPort());
            var in = new Lines(s);
            self.print("server says: " + in.next());
            for (var m : messages) {
                s.write(m + "\n");
                String ack = in.next();
                String expected = "ack " + m.getBytes(StandardCharsets.UTF_8).length;
                if (!expected.equals(ack)) throw new IllegalStateException("expected '" + expected + "', got '" + ack + "'");
            }
            self.print(messages.size() + " messages acknowledged");
            s.shutdownOutput();
            if (in.next() != null) throw new IllegalStateException("the server sent more after the last acknowledgement");
            self.print("server closed; done");
        }
    }

    /** Lines from a socket; null at end of stream. */
    private static final class Lines {
        private final TcpSocket socket;
        private final LineReader reader = new LineReader();
        private final ArrayList<String> ready = new ArrayList<>();
        private final byte[] buffer = new byte[4096];

        Lines(TcpSocket socket) { this.socket = socket; }

        String next() {
            while (ready.isEmpty()) {
                int n = socket.read(buffer, 0, buffer.length);
                if (n < 0) return null;
                ready.addAll(reader.add(buffer, n));
            }
            return ready.removeFirst();
        }
    }
}
