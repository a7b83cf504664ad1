package packos.lib.net;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * A listening TCP port. Connections complete their handshake without the program's help and
 * wait in a queue for {@link #accept}. Two queues, as in Linux (RFC 4987 section 3): the SYN
 * queue holds half-open connections (SYN received, SYN-ACK sent), the accept queue finished
 * ones; the backlog bounds each. A SYN that finds the accept queue full is dropped, so the
 * client's retransmission tries again once the program has accepted. A SYN that finds the SYN
 * queue full (a SYN flood: forged sources never finish their handshakes, which hold their place
 * for the two minutes of SYN-ACK retries) is answered with a SYN cookie and keeps no state; with
 * cookies turned off, the oldest half-open connection is shed to make room instead. Either way
 * a new client gets in.
 */
public final class TcpListener implements Pollable, AutoCloseable {
    private final TcpStack stack;
    private final int port;
    private final int backlog;
    private final ArrayDeque<TcpSocket> established = new ArrayDeque<>();
    /** Half-open connections, oldest first. */
    private final LinkedHashSet<TcpSocket> synQueue = new LinkedHashSet<>();
    private boolean synCookies = true;
    /** When the last cookie went out: ACKs are checked as cookies only for two cookie periods after it, as Linux does. */
    private long lastCookieAt = Long.MIN_VALUE;
    private boolean closed;

    TcpListener(TcpStack stack, int port, int backlog) {
        this.stack = stack;
        this.port = port;
        this.backlog = backlog;
    }

    public int port() { return port; }

    public int backlog() { return backlog; }

    /**
     * Whether a full SYN queue answers with SYN cookies (true, the default) or sheds its oldest
     * half-open connection. Cookies cost no memory at all, but a connection made from one runs
     * without window scaling and SACK when its client sent no timestamps.
     */
    public TcpListener setSynCookies(boolean on) {
        synCookies = on;
        return this;
    }

    public boolean synCookies() { return synCookies; }

    /** Half-open connections: SYN received, SYN-ACK sent, the handshake's ACK not yet in. */
    public int halfOpen() { return synQueue.size(); }

    boolean acceptQueueFull() { return established.size() >= backlog; }

    boolean synQueueFull() { return synQueue.size() >= backlog; }

    void halfOpened(TcpSocket s) { synQueue.add(s); }

    /** The handshake of {@code s} ended, either way. */
    void handshakeEnded(TcpSocket s) { synQueue.remove(s); }

    /** The half-open connection that has waited longest. */
    TcpSocket oldestHalfOpen() { return synQueue.getFirst(); }

    void cookieSent(long now) { lastCookieAt = now; }

    /** Whether an ACK for no connection may be a cookie's: one was sent in the last two cookie periods. */
    boolean cookiesOutstanding(long now) {
        return lastCookieAt != Long.MIN_VALUE && now - lastCookieAt < 2 * packos.lib.tcp.SynCookies.PERIOD_NANOS;
    }

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
