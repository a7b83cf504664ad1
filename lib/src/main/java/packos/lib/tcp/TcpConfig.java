package packos.lib.tcp;

/**
 * Per-connection TCP settings. Times are nanoseconds of machine time.
 *
 * @param sendBuffer      bytes the application may queue ahead of the peer's acknowledgements
 * @param receiveBuffer   bytes held for the application; the advertised window comes from here
 * @param noDelay         true turns Nagle's algorithm off (RFC 9293 section 3.7.4)
 * @param sack            offer and use selective acknowledgements (RFC 2018, RFC 6675)
 * @param timestamps      offer and use timestamps (RFC 7323)
 * @param windowScale     offer window scaling (RFC 7323)
 * @param initialWindow   initial congestion window in segments (RFC 6928)
 * @param initialRto      retransmission timeout before any RTT sample (RFC 6298: 1 s)
 * @param minRto          lower bound of the retransmission timeout
 * @param maxRto          upper bound of the retransmission timeout (at least 60 s)
 * @param delayedAck      longest an acknowledgement is held back (RFC 9293: under 0.5 s)
 * @param timeWait        how long TIME-WAIT lasts (2 MSL)
 * @param synRetries      SYN (or SYN-ACK) retransmissions before giving up
 * @param dataRetries     retransmissions of the same data before the connection times out
 * @param congestionControl how the congestion window moves: NewReno (the default) or CUBIC
 */
public record TcpConfig(int sendBuffer, int receiveBuffer, boolean noDelay, boolean sack, boolean timestamps, boolean windowScale,
                        int initialWindow, long initialRto, long minRto, long maxRto, long delayedAck, long timeWait,
                        int synRetries, int dataRetries, CongestionAlgorithm congestionControl) {
    public static final long MILLISECOND = 1_000_000L;
    public static final long SECOND = 1_000_000_000L;

    public TcpConfig {
        if (sendBuffer < 1 || receiveBuffer < 1) throw new IllegalArgumentException("TCP buffers must hold at least one byte");
        if (receiveBuffer > (1 << 30)) throw new IllegalArgumentException("TCP receive buffer " + receiveBuffer + " exceeds the 1 GiB window scaling allows");
        if (initialWindow < 1) throw new IllegalArgumentException("initial window must be at least one segment");
        if (minRto <= 0 || initialRto < minRto || maxRto < initialRto) throw new IllegalArgumentException("RTO bounds must satisfy 0 < min <= initial <= max");
        if (delayedAck < 0 || timeWait < 0 || synRetries < 0 || dataRetries < 0) throw new IllegalArgumentException("TCP times and retry counts cannot be negative");
        java.util.Objects.requireNonNull(congestionControl, "congestionControl");
    }

    public static TcpConfig defaults() {
        return new TcpConfig(256 * 1024, 256 * 1024, false, true, true, true, 10,
                SECOND, 200 * MILLISECOND, 60 * SECOND, 40 * MILLISECOND, 60 * SECOND, 6, 15, CongestionAlgorithm.NEW_RENO);
    }

    public TcpConfig withNoDelay(boolean on) {
        return new TcpConfig(sendBuffer, receiveBuffer, on, sack, timestamps, windowScale, initialWindow, initialRto, minRto, maxRto, delayedAck, timeWait, synRetries, dataRetries, congestionControl);
    }

    public TcpConfig withBuffers(int send, int receive) {
        return new TcpConfig(send, receive, noDelay, sack, timestamps, windowScale, initialWindow, initialRto, minRto, maxRto, delayedAck, timeWait, synRetries, dataRetries, congestionControl);
    }

    public TcpConfig withOptions(boolean sack, boolean timestamps, boolean windowScale) {
        return new TcpConfig(sendBuffer, receiveBuffer, noDelay, sack, timestamps, windowScale, initialWindow, initialRto, minRto, maxRto, delayedAck, timeWait, synRetries, dataRetries, congestionControl);
    }

    public TcpConfig withTimeWait(long nanos) {
        return new TcpConfig(sendBuffer, receiveBuffer, noDelay, sack, timestamps, windowScale, initialWindow, initialRto, minRto, maxRto, delayedAck, nanos, synRetries, dataRetries, congestionControl);
    }

    public TcpConfig withCongestionControl(CongestionAlgorithm algorithm) {
        return new TcpConfig(sendBuffer, receiveBuffer, noDelay, sack, timestamps, windowScale, initialWindow, initialRto, minRto, maxRto, delayedAck, timeWait, synRetries, dataRetries, algorithm);
    }
}
