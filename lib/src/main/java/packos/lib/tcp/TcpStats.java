package packos.lib.tcp;

/** What one connection did: for tests, the benchmark, and anyone curious. SKELETON: the engine adds fields. */
public final class TcpStats {
    long segmentsSent, segmentsReceived, bytesSent, bytesReceived, retransmits, fastRetransmits, timeouts, dropped;

    public long segmentsSent() { return segmentsSent; }
    public long segmentsReceived() { return segmentsReceived; }
    public long retransmits() { return retransmits; }
    public long fastRetransmits() { return fastRetransmits; }
    public long timeouts() { return timeouts; }
    /** Segments that arrived and were dropped (outside the window, bad options...). */
    public long dropped() { return dropped; }
}
