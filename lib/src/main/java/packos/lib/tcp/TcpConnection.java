package packos.lib.tcp;

import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.lib.wire.TcpHeader;

/**
 * One TCP connection (RFC 9293) as a state machine without I/O: segments come in through
 * {@link #segmentArrived}, go out through its {@link SegmentOutput}, and time is whatever the
 * caller says it is. The stack calls {@link #onTimer} once {@code now >= deadline()}.
 *
 * CONTRACT SKELETON: the engine is being written; every method's javadoc is the contract.
 */
public final class TcpConnection {
    /**
     * @param mtu  the route's MTU: the MSS offered is mtu - 60 (IPv6 and TCP headers)
     * @param iss  the initial send sequence number (RFC 6528, from {@link InitialSequenceNumbers})
     */
    public TcpConnection(TcpConfig config, Address localAddress, int localPort, Address remoteAddress, int remotePort,
                         int mtu, long iss, SegmentOutput out) {
        throw new UnsupportedOperationException("TCP engine not yet written");
    }

    /** Active open: CLOSED to SYN_SENT, sends the SYN. */
    public void connect(long now) { throw new UnsupportedOperationException(); }

    /** Passive open for a listener: the SYN that reached it; LISTEN to SYN_RECEIVED, sends the SYN-ACK. */
    public void acceptSyn(TcpHeader syn, long now) { throw new UnsupportedOperationException(); }

    /** A checked segment for this connection (checksum already verified). The caller frees its page after this returns. */
    public void segmentArrived(TcpHeader segment, long now) { throw new UnsupportedOperationException(); }

    /** Runs whatever timers are due at {@code now}: retransmission, delayed ACK, persist, TIME-WAIT. */
    public void onTimer(long now) { throw new UnsupportedOperationException(); }

    /** The next time {@link #onTimer} has work, or Long.MAX_VALUE. */
    public long deadline() { throw new UnsupportedOperationException(); }

    /**
     * Queues up to {@code len} bytes to send and sends what the windows allow; returns the bytes
     * taken (0 when the send buffer is full). Throws a KernelException (NOT_CONNECTED,
     * CONNECTION_CLOSED, or the connection's error) when no more data may be written.
     */
    public int write(byte[] b, int off, int len, long now) { throw new UnsupportedOperationException(); }

    /**
     * Takes up to {@code len} received bytes: the count, 0 when none are waiting, -1 at end of
     * stream (the peer's FIN, every byte read). A reset connection throws its error. May send a
     * window update when reading opens the window.
     */
    public int read(byte[] b, int off, int len, long now) { throw new UnsupportedOperationException(); }

    /** Bytes waiting to be read. */
    public int readable() { throw new UnsupportedOperationException(); }

    /** Free space in the send buffer. */
    public int writable() { throw new UnsupportedOperationException(); }

    /** Whether the peer's FIN has arrived and every byte before it has been read. */
    public boolean atEndOfStream() { throw new UnsupportedOperationException(); }

    /** No more data from us: a FIN follows the queued data (half-close). */
    public void shutdownOutput(long now) { throw new UnsupportedOperationException(); }

    /** Orderly close: shutdownOutput, and this side reads no more (data that still arrives is answered with RST, RFC 9293 3.6.1 / RFC 1122 4.2.2.13). */
    public void close(long now) { throw new UnsupportedOperationException(); }

    /** Abortive close: sends RST (unless in a state that has none to send) and goes to CLOSED. */
    public void abort(long now) { throw new UnsupportedOperationException(); }

    /** An ICMPv6 error about this connection (port unreachable: CONNECTION_REFUSED while SYN_SENT). */
    public void icmpError(ErrorCode code, long now) { throw new UnsupportedOperationException(); }

    public TcpState state() { throw new UnsupportedOperationException(); }

    /** Why the connection failed (CONNECTION_REFUSED, CONNECTION_RESET_BY_PEER, CONNECTION_TIMED_OUT), or null. */
    public ErrorCode error() { throw new UnsupportedOperationException(); }

    /** True once the connection is CLOSED for good: the stack may forget it. */
    public boolean isFinished() { throw new UnsupportedOperationException(); }

    public TcpStats stats() { throw new UnsupportedOperationException(); }

    /**
     * The RST that answers {@code segment} when no connection exists for it (RFC 9293 section
     * 3.10.7.1), built in {@code out}; nothing is sent for an incoming RST.
     */
    public static void resetFor(TcpHeader segment, SegmentOutput out) { throw new UnsupportedOperationException(); }
}
