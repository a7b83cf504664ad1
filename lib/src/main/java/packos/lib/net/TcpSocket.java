package packos.lib.net;

import java.nio.charset.StandardCharsets;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.tcp.TcpConnection;
import packos.lib.tcp.TcpState;
import packos.lib.tcp.TcpStats;

/**
 * One end of a TCP connection, from {@link Network#connect} or {@link TcpListener#accept}.
 * Blocking calls wait by taking the process's packets from the kernel, so TCP keeps running
 * (acknowledging, retransmitting) while they wait; the {@code try} forms never wait.
 */
public final class TcpSocket implements Pollable, AutoCloseable {
    private final TcpStack stack;
    private final Flow flow;
    final TcpConnection connection;
    /** The listener this connection arrived on, until it is handed to accept. */
    TcpListener listener;
    /** How its segments leave; it also holds the kernel's refusals for the connection. */
    TcpStack.Output output;
    /** Opened by connect: its ephemeral local port is ours until the connection is forgotten. */
    boolean active;
    private boolean closed;

    TcpSocket(TcpStack stack, Flow flow, TcpConnection connection) {
        this.stack = stack;
        this.flow = flow;
        this.connection = connection;
    }

    Flow flow() { return flow; }

    public Address localAddress() { return flow.localAddress(); }

    public int localPort() { return flow.localPort(); }

    public Address remoteAddress() { return flow.remoteAddress(); }

    public int remotePort() { return flow.remotePort(); }

    public TcpState state() { return connection.state(); }

    public TcpStats stats() { return connection.stats(); }

    /** The most data one segment carries to the peer: its MSS as negotiated, less the timestamp option when on. */
    public int sendMss() { return connection.sendMss(); }

    /** Why the connection failed, or null. */
    public ErrorCode error() { return connection.error(); }

    public boolean isConnected() {
        var s = connection.state();
        return s != TcpState.SYN_SENT && s != TcpState.SYN_RECEIVED && s != TcpState.CLOSED && s != TcpState.LISTEN;
    }

    /** Waits for the handshake of a connection opened without waiting; throws why it failed. */
    public void awaitConnected() {
        while (!isConnected()) {
            throwError();
            if (connection.state() == TcpState.CLOSED) throw new KernelException(ErrorCode.CONNECTION_CLOSED, "connection to " + flow + " closed before it was established");
            stack.await();
        }
    }

    /** Sends all of {@code b[off, off+len)}, waiting while the send buffer is full. */
    public void write(byte[] b, int off, int len) {
        checkOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            int n = connection.write(b, off, len, stack.now());
            stack.settle(this);
            off += n;
            len -= n;
            if (len > 0) stack.await();
        }
    }

    public void write(byte[] b) { write(b, 0, b.length); }

    public void write(String text) { write(text.getBytes(StandardCharsets.UTF_8)); }

    /** Takes as many bytes as the send buffer has room for, without waiting: the count, maybe 0. */
    public int tryWrite(byte[] b, int off, int len) {
        checkOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        int n = connection.write(b, off, len, stack.now());
        stack.settle(this);
        return n;
    }

    /** Waits for data: the bytes read (at least 1), or -1 at end of stream. A reset throws. */
    public int read(byte[] b, int off, int len) {
        checkOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        while (true) {
            int n = connection.read(b, off, len, stack.now());
            if (n != 0) return n;
            throwError();
            stack.await();
        }
    }

    public int read(byte[] b) { return read(b, 0, b.length); }

    /** Reads exactly {@code len} bytes, or fewer only at end of stream; returns how many. */
    public int readFully(byte[] b, int off, int len) {
        int done = 0;
        while (done < len) {
            int n = read(b, off + done, len - done);
            if (n < 0) break;
            done += n;
        }
        return done;
    }

    /** Reads without waiting: the bytes read, 0 when none are waiting, -1 at end of stream. */
    public int tryRead(byte[] b, int off, int len) {
        checkOpen();
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        stack.drain();
        return connection.read(b, off, len, stack.now());
    }

    /** Nagle's algorithm off (true: small writes go at once) or on (the default: they wait for an ACK while data is in flight). */
    public void setNoDelay(boolean on) {
        connection.setNoDelay(on, stack.now());
        stack.settle(this);
    }

    public boolean noDelay() { return connection.noDelay(); }

    /** Bytes that a read would return now. */
    public int available() { return connection.readable(); }

    /** No more data from this side: the peer reads end of stream after what was written. Reading goes on. */
    public void shutdownOutput() {
        checkOpen();
        connection.shutdownOutput(stack.now());
        stack.settle(this);
    }

    /**
     * Orderly close: queued data is still delivered, then a FIN. The socket can no longer be used;
     * TCP finishes the close in the background (and before the process ends).
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        connection.close(stack.now());
        stack.closed(this);
    }

    /** Abortive close: an RST, and queued data is thrown away. */
    public void abort() {
        if (closed && connection.state() == TcpState.CLOSED) return;
        closed = true;
        connection.abort(stack.now());
        stack.closed(this);
    }

    public boolean isClosed() { return closed; }

    @Override
    public int readyOps() {
        int ops = 0;
        if (connection.error() != null) ops |= ERROR | READABLE;
        if (connection.readable() > 0 || connection.atEndOfStream()) ops |= READABLE;
        if (isConnected() && connection.state().mayWrite() && connection.writable() > 0) ops |= WRITABLE;
        return ops;
    }

    private void throwError() {
        var e = connection.error();
        if (e != null) throw new KernelException(e, flow.toString());
    }

    private void checkOpen() {
        if (closed) throw new KernelException(ErrorCode.SOCKET_NOT_BOUND, "TCP socket " + flow + " is closed");
    }

    @Override
    public String toString() { return "tcp" + flow + " " + connection.state(); }
}
