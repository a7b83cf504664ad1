package packos.kernel;

/**
 * How the KAN treats packets in one direction between two contexts, the way a bad wire (or Linux's
 * netem) would. Every draw comes from the kernel's seeded link random source, so a run in virtual
 * time on one CPU repeats exactly.
 *
 * <p>The order a packet meets them: it may be lost; it may be duplicated (the copy then meets the
 * rest on its own); each copy may have one bit flipped; it may be held back for reordering;
 * otherwise, if the link has a delay, jitter or rate, it waits its turn to be serialized
 * ({@code rate}), then travels ({@code delay} plus or minus up to {@code jitter}). Jitter never lets
 * a packet overtake the one before it: reordering is {@code reorder}'s job alone.
 *
 * @param loss              probability (0..1) that a packet is lost: freed, while the sender sees success
 * @param duplicate         probability that a second copy, in a fresh page, is delivered too
 * @param reorder           probability that a packet is held back and delivered just after the next
 *                          packet in the same direction, or after {@link #REORDER_WINDOW_NANOS} at most
 * @param corrupt           probability that one random bit of the IPv6 packet is flipped
 * @param delayNanos        one-way delay in machine time
 * @param jitterNanos       the delay varies uniformly within plus or minus this (never below zero)
 * @param rateBitsPerSecond serialization rate; 0 is unlimited
 * @param limit             packets at most waiting on this direction (to be serialized or in
 *                          flight); more are dropped, as a router drops the tail of a full queue
 */
public record Impairment(double loss, double duplicate, double reorder, double corrupt,
                         long delayNanos, long jitterNanos, long rateBitsPerSecond, int limit) {
    /** netem's default queue length. */
    public static final int DEFAULT_LIMIT = 1000;
    /** How long a packet held back for reordering waits for the next one before it goes alone. */
    public static final long REORDER_WINDOW_NANOS = 10_000_000L;
    /** A perfect link: the KAN's own behaviour. */
    public static final Impairment NONE = new Impairment(0, 0, 0, 0, 0, 0, 0, DEFAULT_LIMIT);

    public Impairment {
        checkProbability("loss", loss);
        checkProbability("duplicate", duplicate);
        checkProbability("reorder", reorder);
        checkProbability("corrupt", corrupt);
        if (delayNanos < 0) throw new IllegalArgumentException("delay must not be negative, not " + delayNanos + " ns");
        if (jitterNanos < 0) throw new IllegalArgumentException("jitter must not be negative, not " + jitterNanos + " ns");
        if (rateBitsPerSecond < 0) throw new IllegalArgumentException("rate must not be negative, not " + rateBitsPerSecond + " bit/s");
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1 packet, not " + limit);
    }

    private static void checkProbability(String what, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(what + " probability " + p + " is not in 0..1");
    }

    /** Whether packets on this link wait in machine time (and so are counted against {@code limit}). */
    public boolean holds() { return delayNanos > 0 || jitterNanos > 0 || rateBitsPerSecond > 0; }

    /** Whether the link does anything at all. */
    public boolean isNone() {
        return loss == 0 && duplicate == 0 && reorder == 0 && corrupt == 0 && !holds();
    }

    public Impairment withLoss(double p) { return new Impairment(p, duplicate, reorder, corrupt, delayNanos, jitterNanos, rateBitsPerSecond, limit); }

    public Impairment withDuplicate(double p) { return new Impairment(loss, p, reorder, corrupt, delayNanos, jitterNanos, rateBitsPerSecond, limit); }

    public Impairment withReorder(double p) { return new Impairment(loss, duplicate, p, corrupt, delayNanos, jitterNanos, rateBitsPerSecond, limit); }

    public Impairment withCorrupt(double p) { return new Impairment(loss, duplicate, reorder, p, delayNanos, jitterNanos, rateBitsPerSecond, limit); }

    public Impairment withDelay(long delay, long jitter) { return new Impairment(loss, duplicate, reorder, corrupt, delay, jitter, rateBitsPerSecond, limit); }

    public Impairment withRate(long bitsPerSecond) { return new Impairment(loss, duplicate, reorder, corrupt, delayNanos, jitterNanos, bitsPerSecond, limit); }

    public Impairment withLimit(int packets) { return new Impairment(loss, duplicate, reorder, corrupt, delayNanos, jitterNanos, rateBitsPerSecond, packets); }
}
