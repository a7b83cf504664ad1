package packos.host.usernet;

import java.util.concurrent.atomic.LongAdder;
import packos.host.ethernet.HostCounters;

/**
 * What the user-mode network has moved, answered and refused. The event loop counts; tests and
 * the console read from other threads, so every count is a {@link LongAdder}.
 */
public final class UserNetworkStats {
    /** What the host on the cable counts: frames, drops, NDP, pings. */
    final HostCounters host = new HostCounters();
    final LongAdder refusedAtTransmit = new LongAdder();
    final LongAdder resetsSent = new LongAdder();
    final LongAdder forwardedConnections = new LongAdder();
    final LongAdder guestUnresolved = new LongAdder();
    final LongAdder outboundConnections = new LongAdder();
    final LongAdder refusedByHost = new LongAdder();
    final LongAdder synsDropped = new LongAdder();
    final LongAdder relaysOpen = new LongAdder();
    final LongAdder icmpErrorsApplied = new LongAdder();
    final LongAdder udpOut = new LongAdder();
    final LongAdder udpIn = new LongAdder();
    final LongAdder udpDropped = new LongAdder();
    final LongAdder dumbfsAnswered = new LongAdder();

    /** Datagrams from PackOS relayed to a host socket (outbound flows and answers to forwarded ones). */
    public long udpOut() { return udpOut.sum(); }

    /** Datagrams from host sockets relayed into PackOS. */
    public long udpIn() { return udpIn.sum(); }

    /** Datagrams that could not be relayed: no guest, too many flows, a host send that failed. */
    public long udpDropped() { return udpDropped.sum(); }

    /** DumbFS requests answered by the built-in server. */
    public long dumbfsAnswered() { return dumbfsAnswered.sum(); }

    /** What the host on the cable counted: frames each way (from the guest: in), pings, NDP, drops by reason. */
    public HostCounters host() { return host; }

    /** Frames {@code transmit} refused: the loop's queue was full, the wire closed, or not a frame's length. */
    public long refusedAtTransmit() { return refusedAtTransmit.sum(); }

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

    @Override
    public String toString() {
        return ("frames from guest %d, to guest %d; dropped: %d refused at transmit, %d malformed, %d bad checksum, %d bad NDP, %d not for us, "
                + "%d unsupported; %d unreachable sent, %d echoes, %d NA, %d NS, %d neighbour unreachable, %d RST; "
                + "forwarded %d (%d unresolved), outbound %d (%d refused, %d SYNs dropped), %d relays open").formatted(
                host.framesIn(), host.framesOut(), refusedAtTransmit(), host.malformed(), host.badChecksum(), host.badNdp(), host.notForUs(),
                host.unsupported(), host.unreachableSent(), host.echoesAnswered(), host.advertisementsSent(), host.solicitationsSent(),
                host.neighborUnreachable(), resetsSent(), forwardedConnections(), guestUnresolved(), outboundConnections(), refusedByHost(),
                synsDropped(), relaysOpen());
    }
}
