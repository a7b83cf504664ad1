package packos.lib.tcp;

/**
 * What one connection did: for tests, the benchmark, and anyone curious. Counters only grow;
 * srtt, rto, cwnd and ssthresh are the connection's current values when {@link TcpConnection#stats()} was called.
 */
public final class TcpStats {
    long segmentsSent, segmentsReceived, bytesSent, bytesReceived, retransmits, fastRetransmits, timeouts, dropped, pathMtuReductions;
    long sackRecoveries, newRenoRecoveries, dupAcks, outOfOrder, probes, challengeAcks, badOptions, pawsRejected;
    long windowUpdates, resetsSent, resetsReceived, acksSent, delayedAcks, synRetransmits, rttSamples;
    long srtt, rto, cwnd, ssthresh;

    public long segmentsSent() { return segmentsSent; }
    public long segmentsReceived() { return segmentsReceived; }
    /** Data bytes put in segments, retransmissions included. */
    public long bytesSent() { return bytesSent; }
    /** Data bytes accepted into the receive buffer (each byte once). */
    public long bytesReceived() { return bytesReceived; }
    /** Segments sent again: timeouts, fast retransmits and loss-recovery retransmissions. */
    public long retransmits() { return retransmits; }
    /** Loss recoveries entered on duplicate ACKs or SACK evidence (RFC 5681 3.2, RFC 6675). */
    public long fastRetransmits() { return fastRetransmits; }
    /** Retransmission timer expiries (SYN and data). */
    public long timeouts() { return timeouts; }

    /** Packet Too Big messages that made segments smaller. */
    public long pathMtuReductions() { return pathMtuReductions; }
    /** Segments that arrived and were dropped (outside the window, bad options...). */
    public long dropped() { return dropped; }
    /** Fast recoveries driven by the SACK scoreboard (RFC 6675). */
    public long sackRecoveries() { return sackRecoveries; }
    /** Fast recoveries driven by NewReno partial ACKs, the peer lacking SACK (RFC 6582). */
    public long newRenoRecoveries() { return newRenoRecoveries; }
    public long dupAcks() { return dupAcks; }
    /** Segments that arrived beyond a gap and were kept for reassembly. */
    public long outOfOrder() { return outOfOrder; }
    /** Zero-window probes sent by the persist timer. */
    public long probes() { return probes; }
    /** RFC 5961 challenge ACKs sent for in-window RSTs and SYNs. */
    public long challengeAcks() { return challengeAcks; }
    /** Segments whose options were malformed and ignored. */
    public long badOptions() { return badOptions; }
    /** Segments refused by PAWS (RFC 7323 section 5). */
    public long pawsRejected() { return pawsRejected; }
    /** Window updates sent because the application's read opened the window. */
    public long windowUpdates() { return windowUpdates; }
    public long resetsSent() { return resetsSent; }
    public long resetsReceived() { return resetsReceived; }
    /** Segments without data that carried only an acknowledgement (pure ACKs, window updates, probes answered). */
    public long acksSent() { return acksSent; }
    /** ACKs sent by the delayed-ACK timer rather than at once. */
    public long delayedAcks() { return delayedAcks; }
    public long synRetransmits() { return synRetransmits; }
    public long rttSamples() { return rttSamples; }
    /** Smoothed round-trip time in nanoseconds, 0 before the first sample. */
    public long srtt() { return srtt; }
    /** Current retransmission timeout in nanoseconds, backoff included. */
    public long rto() { return rto; }
    public long cwnd() { return cwnd; }
    public long ssthresh() { return ssthresh; }

    @Override
    public String toString() {
        return "segments " + segmentsSent + " out/" + segmentsReceived + " in, bytes " + bytesSent + " out/" + bytesReceived
                + " in, retransmits " + retransmits + ", fast " + fastRetransmits + " (sack " + sackRecoveries + ", newreno "
                + newRenoRecoveries + "), timeouts " + timeouts + ", dupacks " + dupAcks + ", ooo " + outOfOrder + ", dropped "
                + dropped + ", probes " + probes + ", srtt " + srtt / 1000 + " us, rto " + rto / 1000 + " us, cwnd " + cwnd;
    }
}
