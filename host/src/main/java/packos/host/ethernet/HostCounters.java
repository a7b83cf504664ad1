package packos.host.ethernet;

import java.util.concurrent.atomic.LongAdder;

/**
 * What an {@link EthernetHost} took in, answered and dropped, by kind. The host counts on the
 * thread that hands it frames; tests and the console read from others, so each count is a
 * {@link LongAdder}.
 */
public final class HostCounters {
    public enum Count {
        /** Frames the card sent that the host took in. */
        FRAMES_IN,
        /** Frames the host handed to the card. */
        FRAMES_OUT,
        /** Frames or packets that could not be read: a cut header, a length past the end, not version 6, a group as sender. */
        MALFORMED,
        /** Checksums that did not match. */
        BAD_CHECKSUM,
        /** Neighbor Discovery messages that failed RFC 4861's validation (hop limit, checksum, options, targets). */
        BAD_NDP,
        /** Frames for another MAC address, multicast the host has not joined, packets for other addresses. */
        NOT_FOR_US,
        /** Well-formed traffic the host does not speak: other EtherTypes, extension headers, other ICMPv6 types, refused protocols. */
        UNSUPPORTED,
        /** ICMPv6 Destination Unreachable messages sent. */
        UNREACHABLE_SENT,
        ECHOES_ANSWERED,
        ADVERTISEMENTS_SENT,
        SOLICITATIONS_SENT,
        /** Packets dropped because their next hop never answered a Neighbor Solicitation, or lies beyond the link. */
        NEIGHBOR_UNREACHABLE
    }

    private final LongAdder[] counts = new LongAdder[Count.values().length];

    public HostCounters() {
        for (int i = 0; i < counts.length; i++) counts[i] = new LongAdder();
    }

    public void add(Count count) { counts[count.ordinal()].increment(); }

    public void add(Count count, long n) { counts[count.ordinal()].add(n); }

    public long get(Count count) { return counts[count.ordinal()].sum(); }

    /** Frames the card sent that the host took in. */
    public long framesIn() { return get(Count.FRAMES_IN); }

    /** Frames the host handed to the card. */
    public long framesOut() { return get(Count.FRAMES_OUT); }

    public long malformed() { return get(Count.MALFORMED); }

    public long badChecksum() { return get(Count.BAD_CHECKSUM); }

    public long badNdp() { return get(Count.BAD_NDP); }

    public long notForUs() { return get(Count.NOT_FOR_US); }

    public long unsupported() { return get(Count.UNSUPPORTED); }

    public long unreachableSent() { return get(Count.UNREACHABLE_SENT); }

    public long echoesAnswered() { return get(Count.ECHOES_ANSWERED); }

    public long advertisementsSent() { return get(Count.ADVERTISEMENTS_SENT); }

    public long solicitationsSent() { return get(Count.SOLICITATIONS_SENT); }

    public long neighborUnreachable() { return get(Count.NEIGHBOR_UNREACHABLE); }

    /** Every frame that arrived and was dropped unanswered, for whatever reason. */
    public long dropped() { return malformed() + badChecksum() + badNdp() + notForUs() + unsupported(); }
}
