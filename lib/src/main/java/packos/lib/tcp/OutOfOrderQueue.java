package packos.lib.tcp;

import packos.kernel.Packet;

/**
 * The sequence ranges received beyond a gap, sorted and merged, each stamped with when it last
 * grew. The stamps give SACK blocks in RFC 2018 section 4 order: the block holding the most
 * recent segment first, then the others by recency. The bytes themselves live in the
 * {@link ReceiveBuffer}'s ring; this only remembers where they are.
 */
final class OutOfOrderQueue {
    private final long[] left;
    private final long[] right;
    private final long[] stamp;
    private int count;
    private long clock;

    OutOfOrderQueue(int maxRanges) {
        left = new long[maxRanges];
        right = new long[maxRanges];
        stamp = new long[maxRanges];
    }

    boolean isEmpty() { return count == 0; }

    int count() { return count; }

    long left(int i) { return left[i]; }

    long right(int i) { return right[i]; }

    /** Remembers [l, r); false when it would need a new range and none is left. */
    boolean add(long l, long r) {
        int i = firstEndingAtOrAfter(l);
        // i is the first range that ends at or after l: it and its successors may touch [l, r).
        if (i < count && left[i] <= r) {
            long nl = Math.min(left[i], l);
            long nr = Math.max(right[i], r);
            int j = i + 1;
            while (j < count && left[j] <= nr) {
                nr = Math.max(nr, right[j]);
                j++;
            }
            left[i] = nl;
            right[i] = nr;
            stamp[i] = ++clock;
            int removed = j - (i + 1);
            if (removed > 0) {
                System.arraycopy(left, j, left, i + 1, count - j);
                System.arraycopy(right, j, right, i + 1, count - j);
                System.arraycopy(stamp, j, stamp, i + 1, count - j);
                count -= removed;
            }
            return true;
        }
        if (count == left.length) return false;
        System.arraycopy(left, i, left, i + 1, count - i);
        System.arraycopy(right, i, right, i + 1, count - i);
        System.arraycopy(stamp, i, stamp, i + 1, count - i);
        left[i] = l;
        right[i] = r;
        stamp[i] = ++clock;
        count++;
        return true;
    }

    /** In-order data now reaches {@code next}: absorbs the ranges it touches and returns the new in-order end. */
    long pullInOrder(long next) {
        int k = 0;
        while (k < count && left[k] <= next) {
            next = Math.max(next, right[k]);
            k++;
        }
        if (k > 0) {
            System.arraycopy(left, k, left, 0, count - k);
            System.arraycopy(right, k, right, 0, count - k);
            System.arraycopy(stamp, k, stamp, 0, count - k);
            count -= k;
        }
        return next;
    }

    /** Whether [l, r) is entirely held already. */
    boolean covers(long l, long r) {
        int i = firstEndingAtOrAfter(r);
        return i < count && left[i] <= l;
    }

    /**
     * Writes up to {@code max} SACK blocks (32-bit left and right edges) at {@code off}, most
     * recently grown first; returns the number written. O(count * max), count being small.
     */
    int writeSackBlocks(Packet p, int off, int max) {
        int n = Math.min(max, count);
        long bound = Long.MAX_VALUE;
        for (int b = 0; b < n; b++) {
            int best = -1;
            for (int i = 0; i < count; i++) {
                if (stamp[i] < bound && (best < 0 || stamp[i] > stamp[best])) best = i;
            }
            bound = stamp[best];
            p.putI32(off + 8 * b, (int) left[best]);
            p.putI32(off + 8 * b + 4, (int) right[best]);
        }
        return n;
    }

    /** Binary search: the first range whose right edge is >= seq. */
    private int firstEndingAtOrAfter(long seq) {
        int lo = 0, hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (right[mid] < seq) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
