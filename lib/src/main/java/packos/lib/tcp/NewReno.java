package packos.lib.tcp;

/**
 * Reno's window (RFC 5681): slow start, congestion avoidance with appropriate byte counting
 * (RFC 3465, L = 1 segment), and halving on loss. With {@link LossRecovery}'s RFC 6582 fast
 * recovery it is NewReno.
 */
final class NewReno implements CongestionController {
    private long mss;
    private long cwnd;
    private long ssthresh = MAX_WINDOW;
    /** Bytes acknowledged in congestion avoidance since cwnd last grew by one segment. */
    private long bytesAcked;

    @Override
    public void start(int mss, long initialWindow) {
        this.mss = mss;
        cwnd = initialWindow;
    }

    @Override
    public void setMss(int mss) { this.mss = mss; }

    @Override
    public long window() { return cwnd; }

    @Override
    public long ssthresh() { return ssthresh; }

    @Override
    public void acknowledged(long bytes, long now, long srtt) {
        if (cwnd < ssthresh) {
            cwnd += Math.min(bytes, mss);
        } else {
            bytesAcked += bytes;
            if (bytesAcked >= cwnd) {
                bytesAcked -= cwnd;
                cwnd += mss;
            }
        }
        if (cwnd > MAX_WINDOW) cwnd = MAX_WINDOW;
    }

    @Override
    public void congestion(long flight, long now) {
        ssthresh = Math.max(flight / 2, 2 * mss);
        cwnd = ssthresh;
    }

    @Override
    public void timeout(long flight, boolean firstOfSeries, long now) {
        if (firstOfSeries) ssthresh = Math.max(flight / 2, 2 * mss);
        cwnd = mss;
        bytesAcked = 0;
    }

    @Override
    public void setWindow(long bytes) { cwnd = bytes; }

    @Override
    public void recoveryEnded(long flight, boolean fast) {
        if (fast) cwnd = Math.min(ssthresh, Math.max(flight, 0) + mss);
        bytesAcked = 0;
    }
}
