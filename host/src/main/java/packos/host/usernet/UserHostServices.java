package packos.host.usernet;

import static packos.host.ethernet.HostCounters.Count.BAD_CHECKSUM;
import static packos.host.ethernet.HostCounters.Count.MALFORMED;
import static packos.host.ethernet.HostCounters.Count.UNSUPPORTED;

import java.util.List;
import packos.host.ethernet.EthernetHost;
import packos.kernel.Packet;
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.UdpHeader;

/**
 * What the user network's host serves beyond NDP and ping: TCP, relayed to host sockets by
 * {@link TcpRelays}, and UDP, relayed by {@link UdpRelays} (the built-in DumbFS server answers its
 * port before frames get here, see {@link DumbFsResponder}). Errors about the relays' segments, and segments no neighbour
 * answered for, reach the relay whose they are, so a connection attempt ends at once, as on Linux.
 */
final class UserHostServices implements EthernetHost.Services {
    private final EthernetHost host;
    private final TcpRelays tcp;
    private final UdpRelays udpRelays;

    UserHostServices(EthernetHost host, TcpRelays tcp, UdpRelays udp) {
        this.host = host;
        this.tcp = tcp;
        this.udpRelays = udp;
    }

    @Override
    public void udp(Packet ip, Ipv6Header h, long now) {
        UdpHeader udp;
        try {
            udp = UdpHeader.check(ip, Ipv6Header.LENGTH, h.payloadLength());
        } catch (MalformedPacketException e) {
            host.counters().add(MALFORMED);
            return;
        }
        if (!udp.hasValidChecksum(h.source(), h.destination())) {
            host.counters().add(BAD_CHECKSUM);
            return;
        }
        if (h.destination().isMulticast() || !host.isOwn(h.destination()) || udp.sourcePort() == 0) {
            host.counters().add(UNSUPPORTED);
            return;
        }
        udpRelays.datagram(h.source(), udp.sourcePort(), udp.destinationPort(), udp.payload(), now);
    }

    @Override
    public void tcp(Packet ip, Ipv6Header h, long now) { tcp.segmentArrived(ip, h, now); }

    /** A Destination Unreachable quoting a TCP segment this host sent: its relay hears of it. */
    @Override
    public boolean unreachable(Icmpv6 error, long now) {
        // The quote needs the IPv6 header and the TCP ports; the rest may have been cut off.
        return error.dataLength() >= Ipv6Header.LENGTH + 4 && undeliverable(Packet.of(error.invokingPacket()), error.code(), now);
    }

    /** No one answered for the address (no process there): the connection attempt ends now. */
    @Override
    public void undeliverable(List<Packet> packets, long now) {
        for (var p : packets) undeliverable(p, Icmpv6.ADDRESS_UNREACHABLE, now);
    }

    /** Tells the relay whose segment {@code ip} is that it cannot be delivered; false if it is no TCP segment of this host's. */
    private boolean undeliverable(Packet ip, int code, long now) {
        if (ip.length() < Ipv6Header.LENGTH + 4 || ip.u8(0) >>> 4 != Ipv6Header.VERSION || ip.u8(6) != Ipv6Header.TCP
                || !host.isOwn(ip.address(8))) {
            return false;
        }
        tcp.unreachable(new Flow(ip.address(8), ip.u16(Ipv6Header.LENGTH), ip.address(24), ip.u16(Ipv6Header.LENGTH + 2)), code, now);
        return true;
    }
}
