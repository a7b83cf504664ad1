package packos.lib.link;

/** What one end of a driver link did with its messages, for the stats lines of the driver and the router. */
public final class LinkCounters {
    long received, malformed, fromStranger, attachments, sent, noPeer, lost, peerGone, refused;

    /** Messages taken: well-formed, for this side, from the peer. */
    public long received() { return received; }
    /** Datagrams that were no link message, or a message that never goes this way (LINK to a driver, ATTACH to a user). */
    public long malformed() { return malformed; }
    /** Messages from an address and port other than the peer's. */
    public long fromStranger() { return fromStranger; }
    /** ATTACH messages taken (driver side). */
    public long attachments() { return attachments; }
    public long sent() { return sent; }
    /** Messages not sent because no peer was attached yet (driver side). */
    public long noPeer() { return noPeer; }
    /** Messages lost because the peer's queue stayed full. */
    public long lost() { return lost; }
    /** Messages not sent because the peer's address is gone; a driver then forgets its user. */
    public long peerGone() { return peerGone; }
    /** ICMPv6 errors about what was sent, such as port unreachable from a driver not yet listening. */
    public long refused() { return refused; }

    @Override
    public String toString() {
        return "received=" + received + " malformed=" + malformed + " fromStranger=" + fromStranger + " attachments=" + attachments
                + " sent=" + sent + " noPeer=" + noPeer + " lost=" + lost + " peerGone=" + peerGone + " refused=" + refused;
    }
}
