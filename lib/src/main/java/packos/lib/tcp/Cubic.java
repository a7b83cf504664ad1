package packos.lib.tcp;

/**
 * CUBIC (RFC 9438), Linux's default: after a loss the window falls to beta_cubic = 0.7 of what
 * it was, then grows along a cubic curve in time that flattens out at the window where the loss
 * happened (W_max) and climbs away from it beyond, so a long fat path refills in seconds rather
 * than in one segment per round trip. Where Reno would grow faster (short round trips, small
 * windows) it follows Reno's estimate instead: the Reno-friendly region.
 *
 * <p>The curve is in segments and seconds, as the RFC writes it; the window the connection sees is
 * bytes. The arithmetic uses {@link StrictMath}, so a run is the same on every JVM.
 */
final class Cubic implements CongestionController {
    /** RFC 9438 section 5: the constant that sets how fast the curve grows. */
    static final double C = 0.4;
    /** RFC 9438 section 4.6: the multiplicative decrease factor. */
    static final double BETA = 0.7;
    /** RFC 9438 section 4.3: Reno-friendly additive increase, so that CUBIC takes as much as Reno with BETA. */
    static final double ALPHA = 3 * (1 - BETA) / (1 + BETA);
    private static final double NANOS_PER_SECOND = 1e9;

    private long mss;
    private double cwnd;
    private long ssthresh = MAX_WINDOW;
    /** Segments: the window before the last reduction, fast convergence applied (RFC 9438 4.7); 0 before any loss. */
    private double wMax;
    /** Segments: cwnd when the last loss was found, the point where the Reno estimate's slope becomes 1 (section 4.3). */
    private double cwndPrior;
    /** Where the curve flattens (segments) in the present congestion avoidance stage: W_max, or cwnd_epoch after a timeout. */
    private double plateau;
    /** Seconds from the stage's start to the plateau. */
    private double k;
    /** Segments: Reno's window as it would be in this stage. */
    private double wEst;
    /** When the present congestion avoidance stage began (t_epoch); -1 while none runs. */
    private long epochStart = -1;
    private boolean afterTimeout;

    @Override
    public void start(int mss, long initialWindow) {
        this.mss = mss;
        cwnd = initialWindow;
    }

    @Override
    public void setMss(int mss) { this.mss = mss; }

    @Override
    public long window() { return (long) cwnd; }

    @Override
    public long ssthresh() { return ssthresh; }

    /** RFC 9438 equation 1: the window t seconds into the stage, in segments. */
    double curve(double t) {
        double d = t - k;
        return C * d * d * d + plateau;
    }

    /** RFC 9438 equation 2: K = cubic_root((W_max - cwnd_epoch) / C). */
    static double k(double wMax, double cwndEpoch) {
        return wMax > cwndEpoch ? StrictMath.cbrt((wMax - cwndEpoch) / C) : 0;
    }

    double k() { return k; }

    double wMax() { return wMax; }

    @Override
    public void acknowledged(long bytes, long now, long srtt) {
        if (cwnd < ssthresh) { // RFC 9438 4.10: slow start as Reno's
            cwnd = Math.min(cwnd + Math.min(bytes, mss), MAX_WINDOW);
            return;
        }
        double segments = cwnd / mss;
        if (epochStart < 0) beginStage(now, segments);
        double t = (now - epochStart) / NANOS_PER_SECOND;
        double acked = (double) bytes / mss;
        // Section 4.3: Reno's window grows by alpha segments per window acknowledged, by one once past the old maximum.
        wEst += (wEst >= cwndPrior ? 1 : ALPHA) * acked / segments;
        double next;
        if (curve(t) < wEst) {
            next = wEst;
        } else {
            // Sections 4.4 and 4.5: aim at where the curve will be one round trip from now, at most 1.5 times the window.
            double target = Math.min(Math.max(curve(t + srtt / NANOS_PER_SECOND), segments), 1.5 * segments);
            next = segments + (target - segments) / segments * acked;
        }
        cwnd = Math.min(Math.max(next, segments) * mss, MAX_WINDOW);
    }

    /** Section 4.2: t_epoch is now; after a timeout the plateau is the window the stage starts at (section 4.8). */
    private void beginStage(long now, double segments) {
        epochStart = now;
        plateau = afterTimeout || wMax < segments ? segments : wMax;
        k = afterTimeout ? 0 : k(plateau, segments);
        wEst = segments;
        afterTimeout = false;
    }

    @Override
    public void congestion(long flight, long now) {
        double segments = cwnd / mss;
        // Section 4.7 fast convergence: a loss below the last maximum means another flow wants room; give it some.
        wMax = segments < wMax ? segments * (1 + BETA) / 2 : segments;
        cwndPrior = segments;
        ssthresh = reduced(flight); // section 4.6: flight_size * beta_cubic
        cwnd = ssthresh;
        epochStart = -1;
    }

    @Override
    public void timeout(long flight, boolean firstOfSeries, long now) {
        // Section 4.8: cwnd falls as Reno's; ssthresh is set with beta_cubic.
        if (firstOfSeries) {
            cwndPrior = cwnd / mss;
            ssthresh = reduced(flight);
        }
        cwnd = mss;
        epochStart = -1;
        afterTimeout = true;
    }

    /** flight * beta_cubic in whole bytes (7/10: the double 0.7 would round 90,000 bytes down to 62,999), at least 2 segments. */
    private long reduced(long flight) { return Math.max(flight * 7 / 10, 2 * mss); }

    @Override
    public void setWindow(long bytes) { cwnd = bytes; }

    @Override
    public void recoveryEnded(long flight, boolean fast) {
        if (fast) cwnd = Math.min(ssthresh, Math.max(flight, 0) + mss);
    }
}
