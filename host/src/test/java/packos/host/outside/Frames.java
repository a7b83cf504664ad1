package packos.host.outside;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.lib.wire.Checksums;
import packos.lib.wire.EthernetFrame;
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.Ipv6Multicast;
import packos.lib.wire.NeighborAdvertisement;
import packos.lib.wire.NeighborSolicitation;
import packos.lib.wire.TcpHeader;
import packos.lib.wire.UdpDatagram;
import packos.machine.nic.MacAddress;

/**
 * Ethernet frames as the outside host puts them on the wire, built with lib's wire views (so the
 * good ones are right by the same code PackOS checks them with), and the ways a frame can be
 * wrong: each {@link Bad} kind is a good frame broken in one place, or no frame at all.
 */
final class Frames {
    static final int IPV6 = EthernetFrame.HEADER_LENGTH;
    static final int UPPER = IPV6 + Ipv6Header.LENGTH;

    private final MacAddress own, router;
    private final Address ownAddress;

    Frames(MacAddress own, Address ownAddress, MacAddress router) {
        this.own = own;
        this.ownAddress = ownAddress;
        this.router = router;
    }

    private static Packet page() { return Packet.standalone(65_536); }

    /** {@code ipv6} in a frame from us to {@code to}, its checksum filled. */
    private byte[] framed(Packet ipv6, MacAddress to) {
        ipv6.completeChecksum();
        var frame = page();
        EthernetFrame.emitIpv6(frame, to, own, ipv6);
        return frame.toByteArray();
    }

    byte[] echoRequest(Address to, int identifier, int sequence, byte[] data) {
        var p = page();
        Icmpv6.emitEcho(p, ownAddress, to, Ipv6Header.DEFAULT_HOP_LIMIT, identifier, sequence, data, 0, data.length);
        return framed(p, router);
    }

    /** The answer to a solicitation for our address from {@code asker} at {@code askerMac}. */
    byte[] advertisement(Address asker, MacAddress askerMac) {
        var p = page();
        NeighborAdvertisement.emit(p, ownAddress, asker, ownAddress, new NeighborAdvertisement.Flags(false, true, true), own);
        return framed(p, askerMac);
    }

    byte[] udp(Address to, int sourcePort, int port, byte[] data) {
        var p = page();
        UdpDatagram.emit(p, ownAddress, sourcePort, to, port, data, 0, data.length, Ipv6Header.DEFAULT_HOP_LIMIT);
        return framed(p, router);
    }

    /** What can be wrong with a frame from outside. */
    enum Bad {
        /** Shorter than an Ethernet header (the wire itself refuses it). */
        RUNT,
        /** Longer than 1514 bytes (the wire refuses it too). */
        OVERSIZED,
        /** An Ethernet header to the router and part of an IPv6 header. */
        CUT_IPV6_HEADER,
        /** IPv6's payload length says more than the frame holds. */
        PAYLOAD_LONGER_THAN_FRAME,
        /** Version 4 in an IPv6 EtherType. */
        WRONG_IP_VERSION,
        /** An EtherType the router does not speak (ARP). */
        WRONG_ETHERTYPE,
        /** An echo request whose ICMPv6 checksum is off by one bit. */
        BAD_ICMP_CHECKSUM,
        /** A SYN to the server whose TCP checksum is wrong. */
        BAD_TCP_CHECKSUM,
        /** A Neighbor Solicitation with hop limit 64: routed from afar, which NDP must not believe (RFC 4861 7.1.1). */
        NDP_HOP_LIMIT_64,
        /** A Neighbor Solicitation whose option claims length 0. */
        NDP_ZERO_OPTION_LENGTH,
        /** A Neighbor Solicitation for a multicast target. */
        NDP_MULTICAST_TARGET,
        /** A Neighbor Solicitation cut inside its fixed part. */
        NDP_TRUNCATED,
        /** Random bytes after an Ethernet header to the router with the IPv6 EtherType. */
        RANDOM_IPV6,
        /** Random bytes, header and all. */
        RANDOM
    }

    /** One frame broken the way {@code kind} says, from {@code random}. */
    byte[] bad(Bad kind, RandomGenerator random, Address server) {
        return switch (kind) {
            case RUNT -> bytes(random, random.nextInt(EthernetFrame.HEADER_LENGTH));
            case OVERSIZED -> bytes(random, EthernetFrame.MAXIMUM_LENGTH + 1 + random.nextInt(2000));
            case CUT_IPV6_HEADER -> Arrays.copyOf(echoRequest(server, 1, 1, new byte[8]), IPV6 + 1 + random.nextInt(Ipv6Header.LENGTH - 1));
            case PAYLOAD_LONGER_THAN_FRAME -> {
                var f = echoRequest(server, 1, 1, bytes(random, 100));
                putU16(f, IPV6 + 4, 108 + 1 + random.nextInt(2000));
                yield f;
            }
            case WRONG_IP_VERSION -> {
                var f = echoRequest(server, 1, 1, new byte[8]);
                f[IPV6] = 0x45;
                yield f;
            }
            case WRONG_ETHERTYPE -> {
                var f = echoRequest(server, 1, 1, new byte[8]);
                putU16(f, 12, 0x0806);
                yield f;
            }
            case BAD_ICMP_CHECKSUM -> {
                var f = echoRequest(server, 2, 2, bytes(random, 32));
                f[UPPER + 2] ^= 1;
                yield f;
            }
            case BAD_TCP_CHECKSUM -> {
                var p = page();
                Ipv6Header.emit(p, 0, 0, TcpHeader.MIN_LENGTH, Ipv6Header.TCP, Ipv6Header.DEFAULT_HOP_LIMIT, ownAddress, server);
                var tcp = TcpHeader.emit(p, Ipv6Header.LENGTH, TcpHeader.MIN_LENGTH, 40_000 + random.nextInt(1000), 80,
                        random.nextInt() & 0xffffffffL, 0, TcpHeader.MIN_LENGTH, TcpHeader.SYN, 65_535);
                tcp.fillChecksum(ownAddress, server);
                p.putU16(Ipv6Header.LENGTH + 16, p.u16(Ipv6Header.LENGTH + 16) ^ 0x0100);
                yield framed(p, router);
            }
            case NDP_HOP_LIMIT_64 -> {
                var f = solicitation(server);
                // The hop limit is outside the checksum's pseudo-header: the message is otherwise perfect.
                f[IPV6 + 7] = 64;
                yield f;
            }
            case NDP_ZERO_OPTION_LENGTH -> {
                var p = solicitationPacket(server);
                p.putU8(Ipv6Header.LENGTH + NeighborSolicitation.FIXED_LENGTH + 1, 0);
                yield framed(withIcmpChecksum(p), Ipv6Multicast.mac(Ipv6Multicast.solicitedNode(server)));
            }
            case NDP_MULTICAST_TARGET -> {
                var p = solicitationPacket(server);
                p.putAddress(Ipv6Header.LENGTH + 8, Ipv6Multicast.ALL_NODES);
                yield framed(withIcmpChecksum(p), Ipv6Multicast.mac(Ipv6Multicast.solicitedNode(server)));
            }
            case NDP_TRUNCATED -> {
                var p = solicitationPacket(server);
                int length = 4 + random.nextInt(NeighborSolicitation.FIXED_LENGTH - 4);
                p.putU16(4, length);
                p.setLength(Ipv6Header.LENGTH + length);
                yield framed(withIcmpChecksum(p), Ipv6Multicast.mac(Ipv6Multicast.solicitedNode(server)));
            }
            case RANDOM_IPV6 -> {
                var f = bytes(random, IPV6 + random.nextInt(EthernetFrame.MTU + 1));
                router.toBytes(f, 0);
                putU16(f, 12, EthernetFrame.ETHERTYPE_IPV6);
                if (random.nextBoolean() && f.length > IPV6) f[IPV6] = (byte) (0x60 | f[IPV6] & 0x0f);
                yield f;
            }
            case RANDOM -> bytes(random, EthernetFrame.HEADER_LENGTH + random.nextInt(EthernetFrame.MTU + 1));
        };
    }

    private Packet solicitationPacket(Address target) {
        var p = page();
        NeighborSolicitation.emit(p, ownAddress, Ipv6Multicast.solicitedNode(target), target, own);
        p.completeChecksum();
        return p;
    }

    private byte[] solicitation(Address target) {
        return framed(solicitationPacket(target), Ipv6Multicast.mac(Ipv6Multicast.solicitedNode(target)));
    }

    /** A correct ICMPv6 checksum over what the packet now holds, so only the change made is wrong. */
    private static Packet withIcmpChecksum(Packet p) {
        int length = p.length() - Ipv6Header.LENGTH;
        p.putU16(Ipv6Header.LENGTH + 2, 0);
        p.putU16(Ipv6Header.LENGTH + 2, Checksums.compute(p, Ipv6Header.LENGTH, length, p.address(8), p.address(24), Ipv6Header.ICMPV6));
        return p;
    }

    private static byte[] bytes(RandomGenerator random, int length) {
        var b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    static void putU16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    static int u16(byte[] b, int at) { return (b[at] & 0xff) << 8 | b[at + 1] & 0xff; }
}
