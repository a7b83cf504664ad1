package packos.lib.tcp;

/**
 * How a connection's congestion window moves: the window math of one algorithm, as smoltcp's
 * {@code Controller} and Linux's {@code tcp_congestion_ops} separate it from loss recovery.
 * {@link LossRecovery} decides when a loss happened and tells the controller; the controller
 * decides how much to send. Sizes are bytes, times nanoseconds of machine time.
 */
sealed interface CongestionController permits NewReno, Cubic {
    /** cwnd never grows past this: beyond any window the peer can offer (2^30) it is meaningless. */
    long MAX_WINDOW = 1L << 31;

    /** The handshake is over: the window starts at {@code initialWindow} bytes of segments of {@code mss}. */
    void start(int mss, long initialWindow);

    /** The path took smaller segments: the window grows by the new size from now on. */
    void setMss(int mss);

    long window();

    long ssthresh();

    /**
     * New data acknowledged outside fast recovery: slow start below ssthresh, else the
     * algorithm's congestion avoidance. {@code srtt} is the smoothed round-trip time (0 before a
     * sample).
     */
    void acknowledged(long bytes, long now, long srtt);

    /** Loss found by duplicate ACKs or SACK (RFC 5681 3.2 step 2): the multiplicative decrease; cwnd becomes ssthresh. */
    void congestion(long flight, long now);

    /** The retransmission timer expired (RFC 5681 3.1 (4)): cwnd becomes one segment, ssthresh falls on the first of a series. */
    void timeout(long flight, boolean firstOfSeries, long now);

    /** Fast recovery sets the window itself while it runs (RFC 6582's inflation and deflation). */
    void setWindow(long bytes);

    /**
     * Recovery is over, everything up to its recovery point acknowledged. After a fast recovery
     * cwnd = min(ssthresh, flight + MSS) (RFC 6582 step 3), which ends it without a burst; after a
     * timeout's the window is what slow start made it.
     */
    void recoveryEnded(long flight, boolean fast);
}
