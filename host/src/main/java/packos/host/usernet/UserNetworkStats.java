package packos.host.usernet;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the user-mode network has moved, answered and refused. The event loop counts; tests and
 * the console read from other threads, so every count is a {@link LongAdder}.
 */
public final class UserNetworkStats {
    final LongAdder framesFromGuest = new LongAdder();
    final LongAdder framesToGuest = new LongAdder();
    final LongAdder refusedAtTransmit = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder badChecksum = new LongAdder();
    final LongAdder badNdp = new LongAdder();
    final LongAdder notForUs = new LongAdder();
    final LongAdder unsupported = new LongAdder();
    final LongAdder unreachableSent = new LongAdder();
    final LongAdder echoesAnswered = new LongAdder();
    final LongAdder advertisementsSent = new LongAdder();
    final LongAdder solicitationsSent = new LongAdder();
    final LongAdder neighborUnreachable = new LongAdder();
    final LongAdder resetsSent = new LongAdder();
    final LongAdder forwardedConnections = new LongAdder();
    final LongAdder guestUnresolved = new LongAdder();
    final LongAdder outboundConnections = new LongAdder();
    final LongAdder refusedByHost = new LongAdder();
    final LongAdder synsDropped = new LongAdder();
    final LongAdder relaysOpen = new LongAdder();
    final LongAdder icmpErrorsApplied = new LongAdder();

    /** Ethernet frames the card sent to this network and the loop took in. */
    public long framesFromGuest() { return framesFromGuest.sum(); }

    /** Frames this network handed to the card. */
    public long framesToGuest() { return framesToGuest.sum(); }

    /** Frames {@code transmit} refused: the loop's queue was full, the wire closed, or not a frame's length. */
    public long refusedAtTransmit() { return refusedAtTransmit.sum(); }

    /** Frames or packets that could not be read: too short, a length field past the end, not IPv6 version 6. */
    public long malformed() { return malformed.sum(); }

    /** TCP segments and ICMPv6 messages whose checksum did not match. */
    public long badChecksum() { return badChecksum.sum(); }

    /** Neighbor Discovery messages that failed RFC 4861's validation (hop limit, checksum, options, targets). */
    public long badNdp() { return badNdp.sum(); }

    /** Frames for another MAC address, or multicast this host has not joined. */
    public long notForUs() { return notForUs.sum(); }

    /** Well-formed traffic this host does not speak: other EtherTypes, UDP, extension headers, other ICMPv6 types. */
    public long unsupported() { return unsupported.sum(); }

    /** ICMPv6 Destination Unreachable messages sent (no route beyond this host, no UDP port here). */
    public long unreachableSent() { return unreachableSent.sum(); }

    public long echoesAnswered() { return echoesAnswered.sum(); }

    public long advertisementsSent() { return advertisementsSent.sum(); }

    public long solicitationsSent() { return solicitationsSent.sum(); }

    /** Packets dropped because their next hop never answered a Neighbor Solicitation. */
    public long neighborUnreachable() { return neighborUnreachable.sum(); }

    /** TCP resets sent into PackOS for segments that belong to no connection or to a refused one. */
    public long resetsSent() { return resetsSent.sum(); }

    /** Host connections accepted on a forwarded port and opened into PackOS. */
    public long forwardedConnections() { return forwardedConnections.sum(); }

    /** Host connections closed at once because the forward's guest process had no address yet. */
    public long guestUnresolved() { return guestUnresolved.sum(); }

    /** Connections from PackOS relayed to the host's loopback. */
    public long outboundConnections() { return outboundConnections.sum(); }

    /** Connections from PackOS the host's loopback refused (answered with RST). */
    public long refusedByHost() { return refusedByHost.sum(); }

    /** SYNs from PackOS dropped because too many connections to the host's loopback were being opened at once. */
    public long synsDropped() { return synsDropped.sum(); }

    /** Relays whose host socket or engine is not finished yet: each is forgotten once both ends are closed. */
    public long relaysOpen() { return relaysOpen.sum(); }

    /** ICMPv6 Destination Unreachable messages from PackOS that ended a relay's connection attempt. */
    public long icmpErrorsApplied() { return icmpErrorsApplied.sum(); }

    /** Every frame that arrived and was dropped, for whatever reason. */
    public long dropped() {
        return malformed() + badChecksum() + badNdp() + notForUs() + unsupported();
    }

    @Override
    public String toString() {
        return ("frames from guest %d, to guest %d; dropped: %d refused at transmit, %d malformed, %d bad checksum, %d bad NDP, %d not for us, "
                + "%d unsupported; %d unreachable sent, %d echoes, %d NA, %d NS, %d neighbour unreachable, %d RST; "
                + "forwarded %d (%d unresolved), outbound %d (%d refused, %d SYNs dropped), %d relays open").formatted(
                framesFromGuest(), framesToGuest(), refusedAtTransmit(), malformed(), badChecksum(), badNdp(), notForUs(), unsupported(),
                unreachableSent(), echoesAnswered(), advertisementsSent(), solicitationsSent(), neighborUnreachable(), resetsSent(),
                forwardedConnections(), guestUnresolved(), outboundConnections(), refusedByHost(), synsDropped(), relaysOpen());
    }
}
