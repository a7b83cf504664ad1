package packos.lib.net;

import packos.kernel.Address;

/**
 * Duplicate Address Detection for one tentative address (RFC 4862 section 5.4), without I/O.
 * Before {@link #start}, the caller joins the all-nodes group and the address's solicited-node
 * group; for each {@link Step#SEND_PROBE} it sends
 * {@link packos.lib.wire.NeighborSolicitation#emitDuplicateAddressProbe}. While tentative, the
 * address receives only the NS and NA that decide its fate: it answers nothing and sources
 * nothing. The caller must not hand back its own probes looped back by the link.
 */
public final class DuplicateAddressDetection {
    /** DupAddrDetectTransmits' default (RFC 4862 section 5.1). */
    public static final int DEFAULT_TRANSMITS = 1;

    public enum State { TENTATIVE, UNIQUE, DUPLICATE }

    /** What the caller does next. */
    public enum Step {
        /** Send a probe for the tentative address now. */
        SEND_PROBE,
        /** Nothing until {@link #deadline()} or a message. */
        WAIT,
        /** No one else uses the address: assign it (RFC 4862 section 5.4). */
        UNIQUE,
        /** Another node has the address: it must not be assigned (RFC 4862 section 5.4.5). */
        DUPLICATE
    }

    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private final Address tentative;
    private final int transmits;
    private final long retransTimer;
    private State state = State.TENTATIVE;
    private int sent;
    private long deadline = NO_DEADLINE;

    /**
     * @param transmits DupAddrDetectTransmits; 0 turns detection off
     * @param retransTimer the wait after each probe, in nanoseconds (RetransTimer, 1 s by default)
     */
    public DuplicateAddressDetection(Address tentative, int transmits, long retransTimer) {
        if (tentative.isMulticast() || tentative.isUnspecified()) {
            throw new IllegalArgumentException(tentative + " is not a unicast address to detect duplicates of");
        }
        if (transmits < 0 || retransTimer <= 0) {
            throw new IllegalArgumentException("DupAddrDetectTransmits " + transmits + " and RetransTimer " + retransTimer);
        }
        this.tentative = tentative;
        this.transmits = transmits;
        this.retransTimer = retransTimer;
    }

    public Address tentative() { return tentative; }

    public State state() { return state; }

    public long deadline() { return deadline; }

    /** Begins detection: the first probe goes now, or, with detection off, the address is unique at once. */
    public Step start(long now) {
        if (state != State.TENTATIVE || sent > 0) throw new IllegalStateException("detection of " + tentative + " already started");
        if (transmits == 0) return conclude(State.UNIQUE);
        return probe(now);
    }

    public Step onTimer(long now) {
        if (state != State.TENTATIVE || now < deadline) return Step.WAIT;
        if (sent < transmits) return probe(now);
        // RetransTimer after the last probe with no answer (RFC 4862 section 5.4).
        return conclude(State.UNIQUE);
    }

    /**
     * A Neighbor Solicitation for {@code target} arrived from {@code source} (RFC 4862 section
     * 5.4.3). From :: it is another node probing the same address: a duplicate. From a unicast
     * source it is someone resolving an address not yet ours, and is ignored.
     */
    public Step onSolicitation(Address target, Address source) {
        if (state == State.TENTATIVE && target.equals(tentative) && source.isUnspecified()) return conclude(State.DUPLICATE);
        return Step.WAIT;
    }

    /** A Neighbor Advertisement for the tentative address means a node already has it (RFC 4862 section 5.4.4). */
    public Step onAdvertisement(Address target) {
        if (state == State.TENTATIVE && target.equals(tentative)) return conclude(State.DUPLICATE);
        return Step.WAIT;
    }

    private Step probe(long now) {
        sent++;
        deadline = now + retransTimer;
        return Step.SEND_PROBE;
    }

    private Step conclude(State outcome) {
        state = outcome;
        deadline = NO_DEADLINE;
        return outcome == State.UNIQUE ? Step.UNIQUE : Step.DUPLICATE;
    }
}
