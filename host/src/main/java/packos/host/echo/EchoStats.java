package packos.host.echo;

import java.util.concurrent.atomic.LongAdder;
import packos.host.ethernet.HostCounters;

/**
 * What the echo host has answered and refused. It counts on whichever context transmits; the
 * console and tests read from other threads, so every count is a {@link LongAdder}.
 */
public final class EchoStats {
    final HostCounters host = new HostCounters();
    final LongAdder refusedAtTransmit = new LongAdder();
    final LongAdder udpEchoed = new LongAdder();
    final LongAdder udpEchoedBytes = new LongAdder();

    /** What the host on the cable counted: frames each way, pings, NDP, Destination Unreachables, drops by reason. */
    public HostCounters host() { return host; }

    /** Frames {@code transmit} refused: not a frame's length, or the wire closed or not started. */
    public long refusedAtTransmit() { return refusedAtTransmit.sum(); }

    /** UDP datagrams to port 7 sent back to where they came from. */
    public long udpEchoed() { return udpEchoed.sum(); }

    /** Data bytes of those datagrams. */
    public long udpEchoedBytes() { return udpEchoedBytes.sum(); }

    /** One line for the console. */
    @Override
    public String toString() {
        return ("frames from card %d, to card %d; answered %d pings, %d UDP echoes (%d bytes), %d NA, %d NS, %d unreachable; dropped: "
                + "%d refused at transmit, %d malformed, %d bad checksum, %d bad NDP, %d not for us, %d unsupported, %d neighbour unreachable")
                .formatted(host.framesIn(), host.framesOut(), host.echoesAnswered(), udpEchoed(), udpEchoedBytes(), host.advertisementsSent(),
                        host.solicitationsSent(), host.unreachableSent(), refusedAtTransmit(), host.malformed(), host.badChecksum(),
                        host.badNdp(), host.notForUs(), host.unsupported(), host.neighborUnreachable());
    }
}
