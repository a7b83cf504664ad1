package packos.kernel;

/**
 * What link impairment did to packets between contexts (all zero on a perfect KAN).
 *
 * @param lost          packets the link lost (the sender saw success)
 * @param duplicated    second copies made (each is delivered, unless it is dropped too)
 * @param corrupted     packets (or copies) with one bit flipped
 * @param reordered     packets held back to arrive after the next one
 * @param delayed       packets that waited in machine time for delay, jitter or rate
 * @param overflowed    packets dropped because their direction already had {@code limit} waiting
 * @param undeliverable packets that came due (or came as a second copy) to a full receive queue
 * @param inFlight      packets on the wire now: held pages, not yet anyone's
 */
public record LinkStats(long lost, long duplicated, long corrupted, long reordered, long delayed,
                        long overflowed, long undeliverable, int inFlight) {
    public static final LinkStats NONE = new LinkStats(0, 0, 0, 0, 0, 0, 0, 0);
}
