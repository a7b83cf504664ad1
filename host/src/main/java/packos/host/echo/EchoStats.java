package packos.host.echo;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the echo host has answered and refused. It counts on whichever context transmits; the
 * console and tests read from other threads, so every count is a {@link LongAdder}.
 */
public final class EchoStats {
    final LongAdder framesFromCard = new LongAdder();
    final LongAdder framesToCard = new LongAdder();
    final LongAdder refusedAtTransmit = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder badChecksum = new LongAdder();
    final LongAdder badNdp = new LongAdder();
    final LongAdder notForUs = new LongAdder();
    final LongAdder unsupported = new LongAdder();
    final LongAdder echoesAnswered = new LongAdder();
    final LongAdder udpEchoed = new LongAdder();
    final LongAdder udpEchoedBytes = new LongAdder();
    final LongAdder unreachableSent = new LongAdder();
    final LongAdder advertisementsSent = new LongAdder();
    final LongAdder solicitationsSent = new LongAdder();
    final LongAdder neighborUnreachable = new LongAdder();

    /** Frames the card sent that the host took in (of a frame's length). */
    public long framesFromCard() { return framesFromCard.sum(); }

    /** Frames the host handed to the card. */
    public long framesToCard() { return framesToCard.sum(); }

    /** Frames {@code transmit} refused: not a frame's length, or the wire closed or not started. */
    public long refusedAtTransmit() { return refusedAtTransmit.sum(); }

    /** Frames or packets that could not be read: a cut header, a length field past the end, not version 6, a group as sender. */
    public long malformed() { return malformed.sum(); }

    /** ICMPv6 messages and UDP datagrams whose checksum did not match. */
    public long badChecksum() { return badChecksum.sum(); }

    /** Neighbor Discovery messages that failed RFC 4861's validation (hop limit, checksum, options, targets). */
    public long badNdp() { return badNdp.sum(); }

    /** Frames for another MAC address, multicast this host has not joined, packets for other addresses. */
    public long notForUs() { return notForUs.sum(); }

    /** Well-formed traffic this host does not speak: other EtherTypes, extension headers, other ICMPv6 types. */
    public long unsupported() { return unsupported.sum(); }

    public long echoesAnswered() { return echoesAnswered.sum(); }

    /** UDP datagrams to port 7 sent back to where they came from. */
    public long udpEchoed() { return udpEchoed.sum(); }

    /** Data bytes of those datagrams. */
    public long udpEchoedBytes() { return udpEchoedBytes.sum(); }

    /** ICMPv6 Destination Unreachable messages sent: a port other than 7, TCP, or a packet to be routed beyond this host. */
    public long unreachableSent() { return unreachableSent.sum(); }

    public long advertisementsSent() { return advertisementsSent.sum(); }

    public long solicitationsSent() { return solicitationsSent.sum(); }

    /** Answers dropped because their next hop never answered a Neighbor Solicitation, or lies beyond this link. */
    public long neighborUnreachable() { return neighborUnreachable.sum(); }

    /** Every frame that arrived and was dropped unanswered, for whatever reason. */
    public long dropped() {
        return malformed() + badChecksum() + badNdp() + notForUs() + unsupported();
    }

    /** One line for the console. */
    @Override
    public String toString() {
        return ("frames from card %d, to card %d; answered %d pings, %d UDP echoes (%d bytes), %d NA, %d NS, %d unreachable; dropped: "
                + "%d refused at transmit, %d malformed, %d bad checksum, %d bad NDP, %d not for us, %d unsupported, %d neighbour unreachable")
                .formatted(framesFromCard(), framesToCard(), echoesAnswered(), udpEchoed(), udpEchoedBytes(), advertisementsSent(),
                        solicitationsSent(), unreachableSent(), refusedAtTransmit(), malformed(), badChecksum(), badNdp(), notForUs(),
                        unsupported(), neighborUnreachable());
    }
}
