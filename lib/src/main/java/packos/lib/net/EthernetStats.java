package packos.lib.net;

/** What an {@link EthernetInterface} received, sent and dropped, and why: bad input is counted, never thrown. */
public final class EthernetStats {
    long framesIn, framesOut, truncated, notForUs, ownFrames, wrongEtherType, badIpv6, oversized, ndpIn, ndpInvalid, ndpIgnored,
            solicitationsAnswered, proxyAnswered, solicitationsSent, neighborsUnreachable, duplicates, queueDiscards;

    public long framesIn() { return framesIn; }

    public long framesOut() { return framesOut; }

    /** Frames too short for their IPv6 header or for the payload length it states. */
    public long truncated() { return truncated; }

    /** Frames for another MAC address or a multicast group not listened to. */
    public long notForUs() { return notForUs; }

    /** Frames from our own MAC address: our own, looped back. */
    public long ownFrames() { return ownFrames; }

    public long wrongEtherType() { return wrongEtherType; }

    /** Frames whose IPv6 header is not one (version not 6). */
    public long badIpv6() { return badIpv6; }

    /** IPv6 packets larger than the link's MTU. */
    public long oversized() { return oversized; }

    public long ndpIn() { return ndpIn; }

    /** Neighbor Discovery messages that failed RFC 4861's validation (hop limit, code, checksum, lengths, options). */
    public long ndpInvalid() { return ndpInvalid; }

    /** Valid NDP that asked nothing of us: a solicitation for someone else's address, another router's advertisement. */
    public long ndpIgnored() { return ndpIgnored; }

    public long solicitationsAnswered() { return solicitationsAnswered; }

    /** Solicitations answered for another node's address (proxy NDP). */
    public long proxyAnswered() { return proxyAnswered; }

    public long solicitationsSent() { return solicitationsSent; }

    /** Neighbours whose resolution failed; their queued packets were reported unreachable. */
    public long neighborsUnreachable() { return neighborsUnreachable; }

    /** Our own addresses that duplicate address detection found in use on the link. */
    public long duplicates() { return duplicates; }

    /** Packets dropped because their neighbour's queue was full while it resolved. */
    public long queueDiscards() { return queueDiscards; }

    @Override
    public String toString() {
        return "framesIn=" + framesIn + " framesOut=" + framesOut + " truncated=" + truncated + " notForUs=" + notForUs
                + " ownFrames=" + ownFrames + " wrongEtherType=" + wrongEtherType + " badIpv6=" + badIpv6 + " oversized=" + oversized
                + " ndpIn=" + ndpIn + " ndpInvalid=" + ndpInvalid + " ndpIgnored=" + ndpIgnored + " solicitationsAnswered="
                + solicitationsAnswered + " proxyAnswered=" + proxyAnswered + " solicitationsSent=" + solicitationsSent
                + " neighborsUnreachable=" + neighborsUnreachable + " duplicates=" + duplicates + " queueDiscards=" + queueDiscards;
    }
}
