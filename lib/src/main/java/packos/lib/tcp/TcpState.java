package packos.lib.tcp;

/** The connection states of RFC 9293 section 3.3.2. */
public enum TcpState {
    CLOSED, LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT;

    /** Whether data may still arrive from the peer in this state. */
    public boolean peerMaySend() {
        return this == SYN_SENT || this == SYN_RECEIVED || this == ESTABLISHED || this == FIN_WAIT_1 || this == FIN_WAIT_2;
    }

    /** Whether the application may still queue data to send in this state. */
    public boolean mayWrite() {
        return this == SYN_SENT || this == SYN_RECEIVED || this == ESTABLISHED || this == CLOSE_WAIT;
    }
}
