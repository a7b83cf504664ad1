package packos.lib.tcp;

/**
 * The retransmission timer of RFC 6298: the RTT estimator (SRTT, RTTVAR), the timeout it
 * yields, exponential backoff, and the deadline itself. Times are nanoseconds.
 */
final class RetransmissionTimer {
    /** RFC 6298 G: timestamps tick in milliseconds, so no sample is finer than that. */
    private static final long GRANULARITY = TcpConfig.MILLISECOND;

    private final long minRto;
    private final long maxRto;
    private long srtt = -1;
    private long rttvar;
    private long baseRto;
    private int backoffs;
    private long deadline = Long.MAX_VALUE;

    RetransmissionTimer(long initialRto, long minRto, long maxRto) {
        this.minRto = minRto;
        this.maxRto = maxRto;
        this.baseRto = initialRto;
    }

    /** RFC 6298 section 2: a new round-trip measurement. */
    void sample(long rtt) {
        if (rtt < 0) return;
        if (srtt < 0) {
            srtt = rtt;
            rttvar = rtt / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - rtt)) / 4;
            srtt = (7 * srtt + rtt) / 8;
        }
        baseRto = clamp(srtt + Math.max(GRANULARITY, 4 * rttvar));
        backoffs = 0;
    }

    /** RFC 6298 section 5.7: a lost SYN leaves the timeout at 3 s until a measurement arrives. */
    void afterLostSyn() {
        if (srtt < 0) baseRto = clamp(Math.max(baseRto, 3 * TcpConfig.SECOND));
    }

    boolean hasSample() { return srtt >= 0; }

    long srtt() { return Math.max(srtt, 0); }

    /** The timeout with backoff applied (section 5.5), at most the maximum. */
    long rto() {
        long r = baseRto;
        for (int i = 0; i < backoffs && r < maxRto; i++) r *= 2;
        return Math.min(r, maxRto);
    }

    void backoff() { if (rto() < maxRto) backoffs++; }

    void resetBackoff() { backoffs = 0; }

    boolean running() { return deadline != Long.MAX_VALUE; }

    long deadline() { return deadline; }

    void start(long now) { deadline = now + rto(); }

    void startIfStopped(long now) { if (!running()) start(now); }

    void stop() { deadline = Long.MAX_VALUE; }

    private long clamp(long rto) { return Math.min(maxRto, Math.max(minRto, rto)); }
}
