package packos.samples.httpd;

import java.nio.charset.StandardCharsets;
import packos.kernel.Address;
import packos.kernel.KernelException;
import packos.lib.net.Network;
import packos.lib.net.Pollable;
import packos.lib.net.Poller;
import packos.lib.net.TcpSocket;

/**
 * One connection to the server, used a request at a time, where every wait has a limit in machine
 * time: a server that stays silent, or keeps open a connection it said it would close, makes the
 * check fail instead of hang.
 */
final class Conversation implements AutoCloseable {
    static final long PATIENCE_NANOS = 10_000_000_000L;

    private final TcpSocket socket;
    private final Poller poller;
    private final ReplyParser parser = new ReplyParser();
    private final byte[] scratch = new byte[16 * 1024];

    Conversation(Network net, Address server, int port) {
        this.socket = net.connect(server, port);
        this.poller = net.poller().add(socket, Pollable.READABLE);
    }

    void send(String request) { socket.write(request.getBytes(StandardCharsets.ISO_8859_1)); }

    /** The next answer; {@code toHead} if it answers a HEAD. */
    Reply receive(boolean toHead) {
        while (true) {
            var reply = parser.next(toHead);
            if (reply != null) return reply;
            int n = readWithin();
            if (n < 0) throw new IllegalStateException("the server closed the connection before answering");
            parser.feed(scratch, 0, n);
        }
    }

    /** Whether the server closes the connection within the time allowed, sending nothing more. */
    boolean closedByServer() {
        try {
            int n = readWithin();
            if (n > 0) throw new IllegalStateException("the server sent " + n + " bytes after its last answer");
            return true;
        } catch (Silence e) {
            return false;
        }
    }

    private int readWithin() {
        if (poller.poll(PATIENCE_NANOS).isEmpty()) throw new Silence();
        try {
            return socket.tryRead(scratch, 0, scratch.length);
        } catch (KernelException e) {
            throw new IllegalStateException("the connection failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() { socket.close(); }

    /** Nothing came within the time allowed. */
    static final class Silence extends IllegalStateException {
        Silence() { super("the server sent nothing for " + PATIENCE_NANOS / 1_000_000_000L + " s"); }
    }
}
