package packos.lib.net;

import java.util.ArrayDeque;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * A listening TCP port. Connections complete their handshake without the program's help and
 * wait in a queue for {@link #accept}; the backlog bounds handshakes in progress plus connections
 * not yet accepted, and a SYN beyond it is dropped, so the client's retransmission tries again.
 */
public final class TcpListener implements Pollable, AutoCloseable {
    private final TcpStack stack;
    private final int port;
    private final int backlog;
    private final ArrayDeque<TcpSocket> established = new ArrayDeque<>();
    int handshaking;
    private boolean closed;

    TcpListener(TcpStack stack, int port, int backlog) {
        this.stack = stack;
        this.port = port;
        this.backlog = backlog;
    }

    public int port() { return port; }

    public int backlog() { return backlog; }

    /** Whether one more handshake may begin. */
    boolean hasRoom() { return handshaking + established.size() < backlog; }

    void established(TcpSocket s) { established.add(s); }

    /** Waits for a connection. */
    public TcpSocket accept() {
        while (true) {
            var s = tryAccept();
            if (s != null) return s;
            stack.await();
        }
    }

    /** A connection waiting to be accepted, or null; never waits. */
    public TcpSocket tryAccept() {
        checkOpen();
        stack.drain();
        return established.poll();
    }

    /** Connections ready for accept. */
    public int pending() { return established.size(); }

    @Override
    public int readyOps() { return closed ? ERROR : established.isEmpty() ? 0 : READABLE; }

    /** Stops listening; connections not yet accepted are reset. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (TcpSocket s; (s = established.poll()) != null; ) s.abort();
        stack.unlisten(this);
    }

    public boolean isClosed() { return closed; }

    private void checkOpen() {
        if (closed) throw new KernelException(ErrorCode.SOCKET_NOT_BOUND, "TCP listener on port " + port + " is closed");
    }

    @Override
    public String toString() { return "tcp-listen:" + port; }
}
