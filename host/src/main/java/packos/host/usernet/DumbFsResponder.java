package packos.host.usernet;

import packos.host.dumbfs.DumbFsServer;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.lib.fs.dumbfs.DumbFs;
import packos.lib.wire.EthernetFrame;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.UdpDatagram;
import packos.lib.wire.UdpHeader;
import packos.machine.nic.MacAddress;
import packos.machine.wire.FrameReceiver;

/**
 * The user network's built-in DumbFS server ({@code user,dumbfs=DIR}), as QEMU's user network has
 * {@code tftp=}: requests to {@code [fd00:7e8f::1]:5002} are answered inside the card's transmit,
 * on the sender's thread, as the echo wire answers, and not queued for the network's loop. So the
 * reply is in the card's receive ring before the driver's register write returns: a run in
 * virtual time never sees a request wait while its clock jumps ahead, and repeats exactly. The
 * reply goes to the Ethernet source of the request (the router), which needs no neighbour lookup.
 */
final class DumbFsResponder {
    private final DumbFsServer server;
    private final MacAddress mac;
    private final Address address;
    private final UserNetworkStats stats;

    DumbFsResponder(DumbFsServer server, MacAddress mac, Address address, UserNetworkStats stats) {
        this.server = server;
        this.mac = mac;
        this.address = address;
        this.stats = stats;
    }

    /** Whether {@code frame} is a UDP datagram to this host's DumbFS port (answered, or dropped if malformed); false leaves it to the loop. */
    boolean answer(byte[] frame, int length, FrameReceiver card) {
        // A cheap look before any copy: IPv6, UDP with no extension header, to our port. Everything else is the loop's.
        if (length < EthernetFrame.HEADER_LENGTH + Ipv6Header.LENGTH + UdpHeader.LENGTH) return false;
        int ip = EthernetFrame.HEADER_LENGTH;
        if ((frame[12] & 0xff) != 0x86 || (frame[13] & 0xff) != 0xdd || (frame[ip] & 0xf0) != 0x60 || frame[ip + 6] != Ipv6Header.UDP) return false;
        int port = (frame[ip + 42] & 0xff) << 8 | frame[ip + 43] & 0xff;
        if (port != DumbFs.PORT) return false;
        var bytes = new byte[length];
        System.arraycopy(frame, 0, bytes, 0, length);
        try {
            var ethernet = EthernetFrame.check(bytes);
            var packet = Packet.standalone(ethernet.payloadLength());
            ethernet.copyPayloadTo(packet);
            var h = Ipv6Header.check(packet);
            if (!h.destination().equals(address)) return false;
            var udp = UdpHeader.check(packet, Ipv6Header.LENGTH, h.payloadLength());
            if (!udp.hasValidChecksum(h.source(), h.destination()) || udp.sourcePort() == 0 || h.source().isMulticast()) {
                stats.udpDropped.increment();
                return true;
            }
            var data = udp.payload();
            var reply = server.answer(new DumbFsServer.Client(h.source().toString(), udp.sourcePort()), data, data.length);
            if (reply == null) return true;
            var out = Packet.standalone(Ipv6Header.LENGTH + UdpHeader.LENGTH + reply.length);
            UdpDatagram.emit(out, address, DumbFs.PORT, h.source(), udp.sourcePort(), reply, 0, reply.length, Ipv6Header.DEFAULT_HOP_LIMIT);
            var answer = Packet.standalone(EthernetFrame.HEADER_LENGTH + Math.max(out.length(), EthernetFrame.MINIMUM_LENGTH));
            EthernetFrame.emitIpv6(answer, ethernet.source(), mac, out);
            stats.dumbfsAnswered.increment();
            card.frameArrived(answer.toByteArray(), answer.length());
            return true;
        } catch (MalformedPacketException e) {
            return false;  // the loop's host counts malformed frames
        }
    }
}
