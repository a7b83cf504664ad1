package packos.lib.tcp;

/**
 * The sender's scoreboard (RFC 6675 section 3): which bytes above SND.UNA the peer holds (its SACK
 * blocks), which are deemed lost, and how far lost bytes have been retransmitted (HighRxt). From
 * these come IsLost, NextSeg (rule 1: the next lost byte not yet retransmitted) and pipe.
 *
 * <p>Lost-ness is monotonic in the sequence space: a byte is lost when enough is SACKed above it
 * (DupThresh discontiguous blocks or more than (DupThresh-1)*SMSS bytes), so everything un-SACKed
 * below one boundary is lost. A timeout or a NewReno retransmission moves that boundary by
 * decree ({@link #markLostBelow}); without SACK the scoreboard holds no blocks and only the decree
 * counts, which makes go-back-N after a timeout and NewReno's one-segment-per-partial-ACK the same
 * code path as SACK recovery.
 */
final class SackScoreboard {
    private static final int DUP_THRESH = 3;

    private final long[] left;
    private final long[] right;
    private int count;
    private long sacked;
    private long lostMark;
    private long highRxt;
    private long mss = 1;
    private long boundaryCache = -1;

    SackScoreboard(int maxRanges) {
        left = new long[maxRanges];
        right = new long[maxRanges];
    }

    void setMss(long mss) { this.mss = mss; }

    boolean isEmpty() { return count == 0; }

    long sackedBytes() { return sacked; }

    long highRxt() { return highRxt; }

    /** Records a SACK block, clipped to [una, highData); true if it covered bytes not SACKed before. */
    boolean add(long l, long r, long una, long highData) {
        if (l < una) l = una;
        if (r > highData) r = highData;
        if (l >= r) return false;
        int i = 0;
        while (i < count && right[i] < l) i++;
        if (i < count && left[i] <= l && right[i] >= r) return false; // nothing new
        long before = sacked;
        if (i < count && left[i] <= r) {
            long nl = Math.min(left[i], l), nr = Math.max(right[i], r);
            sacked -= right[i] - left[i];
            int j = i + 1;
            while (j < count && left[j] <= nr) {
                nr = Math.max(nr, right[j]);
                sacked -= right[j] - left[j];
                j++;
            }
            left[i] = nl;
            right[i] = nr;
            sacked += nr - nl;
            int removed = j - (i + 1);
            if (removed > 0) {
                System.arraycopy(left, j, left, i + 1, count - j);
                System.arraycopy(right, j, right, i + 1, count - j);
                count -= removed;
            }
        } else {
            boundaryCache = -1;
            if (count == left.length) {
                // Full: forget the highest range. Forgetting SACK information is always safe (the
                // bytes are merely retransmitted needlessly); inventing it never is.
                count--;
                sacked -= right[count] - left[count];
                if (i > count) return false;
            }
            System.arraycopy(left, i, left, i + 1, count - i);
            System.arraycopy(right, i, right, i + 1, count - i);
            left[i] = l;
            right[i] = r;
            count++;
            sacked += r - l;
        }
        boundaryCache = -1;
        return sacked > before;
    }

    /** SND.UNA moved to {@code una}: forget what lies below it. */
    void advance(long una) {
        int k = 0;
        while (k < count && right[k] <= una) {
            sacked -= right[k] - left[k];
            k++;
        }
        if (k > 0) {
            System.arraycopy(left, k, left, 0, count - k);
            System.arraycopy(right, k, right, 0, count - k);
            count -= k;
            boundaryCache = -1;
        }
        if (count > 0 && left[0] < una) {
            sacked -= una - left[0];
            left[0] = una;
            boundaryCache = -1;
        }
        if (highRxt < una) highRxt = una;
    }

    /** Everything un-SACKed below {@code seq} is lost (a timeout, or NewReno's retransmission). */
    void markLostBelow(long seq) {
        if (seq > lostMark) lostMark = seq;
    }

    /** Restarts retransmission from {@code una}: after a timeout every lost byte goes again. */
    void rewind(long una) { highRxt = una; }

    /** Bytes up to {@code seq} have been retransmitted. */
    void retransmitted(long seq) { if (seq > highRxt) highRxt = seq; }

    /** Drops all SACK information and loss marks (a connection that leaves recovery for good, or reneging). */
    void clear(long una) {
        count = 0;
        sacked = 0;
        lostMark = una;
        highRxt = una;
        boundaryCache = -1;
    }

    /** The sequence number below which every un-SACKed byte is lost. */
    long lossBoundary() {
        if (boundaryCache < 0) {
            long bytes = 0;
            long b = 0;
            for (int i = count - 1; i >= 0; i--) {
                bytes += right[i] - left[i];
                if (count - i >= DUP_THRESH || bytes > (DUP_THRESH - 1) * mss) {
                    b = left[i];
                    break;
                }
            }
            boundaryCache = b;
        }
        return Math.max(boundaryCache, lostMark);
    }

    /** RFC 6675 IsLost(seq). */
    boolean isLost(long seq) { return seq < lossBoundary() && !isSacked(seq); }

    boolean isSacked(long seq) {
        for (int i = 0; i < count; i++) {
            if (seq < left[i]) return false;
            if (seq < right[i]) return true;
        }
        return false;
    }

    /**
     * NextSeg rule 1: the first lost byte at or above max(HighRxt, una) that is neither SACKed nor
     * retransmitted, as [out[0], out[1]) up to the next SACKed byte or the loss boundary. False if none.
     */
    boolean nextLost(long una, long[] out) {
        long from = Math.max(highRxt, una);
        long boundary = lossBoundary();
        for (int i = 0; i <= count && from < boundary; i++) {
            long holeEnd = i < count ? Math.min(left[i], boundary) : boundary;
            if (i < count && right[i] <= from) continue;
            if (from < holeEnd) {
                out[0] = from;
                out[1] = holeEnd;
                return true;
            }
            if (i < count) from = Math.max(from, right[i]);
        }
        return false;
    }

    /**
     * RFC 6675 pipe, in bytes: what is outstanding, less what the peer holds, less lost bytes not
     * yet retransmitted. Retransmitted bytes stay counted (they are in flight again).
     */
    long pipe(long una, long highData, boolean recovering) {
        long flight = highData - una - sacked;
        if (!recovering) return flight;
        long from = Math.max(highRxt, una);
        long to = lossBoundary();
        if (to <= from) return flight;
        return flight - (to - from - sackedWithin(from, to));
    }

    private long sackedWithin(long from, long to) {
        long s = 0;
        for (int i = 0; i < count; i++) {
            long l = Math.max(left[i], from), r = Math.min(right[i], to);
            if (r > l) s += r - l;
        }
        return s;
    }

    /** For tests and invariants: the ranges are sorted, disjoint, and sum to the SACKed count. */
    boolean consistent(long una, long highData) {
        long s = 0;
        for (int i = 0; i < count; i++) {
            if (left[i] >= right[i] || left[i] < una || right[i] > highData) return false;
            if (i > 0 && left[i] <= right[i - 1]) return false;
            s += right[i] - left[i];
        }
        return s == sacked;
    }
}
