package packos.host.echo;

import static packos.host.ethernet.HostCounters.Count.BAD_CHECKSUM;
import static packos.host.ethernet.HostCounters.Count.MALFORMED;
import static packos.host.ethernet.HostCounters.Count.UNSUPPORTED;

import packos.host.ethernet.EthernetHost;
import packos.kernel.Packet;
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.UdpDatagram;
import packos.lib.wire.UdpHeader;

/**
 * What the echo wire's host serves beyond NDP and ping: UDP port 7 (RFC 862), whatever arrives
 * there goes back to where it came from; any other port, and TCP, is refused with Destination
 * Unreachable (port unreachable), as a Linux host without those services answers.
 */
final class EchoService implements EthernetHost.Services {
    /** RFC 862's port. */
    static final int ECHO_PORT = 7;

    private final EthernetHost host;
    private final EchoStats stats;

    EchoService(EthernetHost host, EchoStats stats) {
        this.host = host;
        this.stats = stats;
    }

    @Override
    public void udp(Packet ip, Ipv6Header h, long now) {
        var counters = host.counters();
        UdpHeader udp;
        try {
            udp = UdpHeader.check(ip, Ipv6Header.LENGTH, h.payloadLength());
        } catch (MalformedPacketException e) {
            counters.add(MALFORMED);
            return;
        }
        if (!udp.hasValidChecksum(h.source(), h.destination())) {
            counters.add(BAD_CHECKSUM);
            return;
        }
        if (h.destination().isMulticast() || h.source().isUnspecified() || udp.sourcePort() == 0) {
            // Nobody to answer (port 0 asks for no reply), or a group: an echo to every listener is a storm.
            counters.add(UNSUPPORTED);
            return;
        }
        if (udp.destinationPort() != ECHO_PORT) {
            host.unreachable(ip, Icmpv6.PORT_UNREACHABLE, now);
            counters.add(UNSUPPORTED);
            return;
        }
        var reply = Packet.standalone(ip.length());
        var data = udp.payload();
        UdpDatagram.emit(reply, h.destination(), ECHO_PORT, h.source(), udp.sourcePort(), data, 0, data.length, Ipv6Header.DEFAULT_HOP_LIMIT);
        stats.udpEchoed.increment();
        stats.udpEchoedBytes.add(data.length);
        host.send(reply, now);
    }

    @Override
    public void tcp(Packet ip, Ipv6Header h, long now) {
        // No TCP service here: a refused port, said the ICMPv6 way.
        if (!h.destination().isMulticast()) host.unreachable(ip, Icmpv6.PORT_UNREACHABLE, now);
        host.counters().add(UNSUPPORTED);
    }
}
