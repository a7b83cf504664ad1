package packos.lib.tcp;

import packos.kernel.Packet;

/**
 * Where one connection's segments go. The stack owns the IPv6 layer: a connection builds the TCP
 * header (checksum field left zero) and data at {@link #TCP_OFFSET} in a page from
 * {@link #allocate()}, and {@link #send} fills the IPv6 header and the checksum and sends it.
 */
public interface SegmentOutput {
    /** The TCP header's offset in a page: right after a bare IPv6 header. */
    int TCP_OFFSET = 40;

    /** A fresh page for one segment; its capacity is at least the connection's MTU. */
    Packet allocate();

    /**
     * Sends {@code p}, whose TCP header and data fill {@code tcpLength} bytes from
     * {@link #TCP_OFFSET}. The page is consumed either way. False when the link refused it now
     * (a full queue): the segment is then as good as lost, and retransmission recovers it.
     */
    boolean send(Packet p, int tcpLength);
}
