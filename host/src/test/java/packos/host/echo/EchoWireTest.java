package packos.host.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.kernel.Prefix;
import packos.lib.wire.EthernetFrame;
import packos.lib.wire.Eui64;
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.Ipv6Multicast;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.Ndp;
import packos.lib.wire.NeighborAdvertisement;
import packos.lib.wire.NeighborSolicitation;
import packos.lib.wire.TcpHeader;
import packos.lib.wire.UdpDatagram;
import packos.lib.wire.UdpHeader;
import packos.machine.nic.MacAddress;

/**
 * The echo wire at frame level, the test playing PackOS' card and router: every answer arrives
 * before {@code transmit} returns, NDP resolves both ways, pings and UDP echo come back byte for
 * byte, other ports are refused, and thousands of broken frames are counted and ignored without
 * a throw, the host answering a good ping afterwards.
 */
class EchoWireTest {
    static final Prefix KAN = Prefix.parse("fd00:7e8e::/64");
    static final MacAddress ROUTER_MAC = MacAddress.parse("52:54:00:12:34:56");
    static final Address ROUTER = Address.parse("fd00:7e8f::2");
    static final Address CLIENT = Address.parse("fd00:7e8e::7");
    static final long MS = 1_000_000L;

    final AtomicLong now = new AtomicLong();
    final List<byte[]> received = new ArrayList<>();
    EchoWire wire;

    @BeforeEach
    void plugIn() {
        wire = EchoWire.open(KAN, 7, now::get);
        wire.start((frame, length) -> received.add(Arrays.copyOf(frame, length)));
    }

    // ---- frames the router would send ---------------------------------------------------------

    static Packet page() { return Packet.standalone(2048); }

    static byte[] frame(MacAddress to, Packet ipv6) {
        var f = page();
        EthernetFrame.emitIpv6(f, to, ROUTER_MAC, ipv6);
        return f.toByteArray();
    }

    static byte[] solicitation(Address from, Address target) {
        var p = page();
        NeighborSolicitation.emit(p, from, Ipv6Multicast.solicitedNode(target), target, ROUTER_MAC);
        return frame(Ipv6Multicast.mac(Ipv6Multicast.solicitedNode(target)), p);
    }

    /** The router's proxy answer for a KAN address: R set, O clear, as PackOS' router sends it. */
    static byte[] proxyAdvertisement(Address target) {
        var p = page();
        NeighborAdvertisement.emit(p, target, EchoWire.ADDRESS, target, new NeighborAdvertisement.Flags(true, true, false), ROUTER_MAC);
        return frame(EchoWire.MAC, p);
    }

    static byte[] ping(int sequence, byte[] data) {
        var p = page();
        Icmpv6.emitEcho(p, CLIENT, EchoWire.ADDRESS, 63, 0xec40, sequence, data, 0, data.length);
        return frame(EchoWire.MAC, p);
    }

    static byte[] udp(int port, byte[] data) {
        var p = page();
        UdpDatagram.emit(p, CLIENT, 50_000, EchoWire.ADDRESS, port, data, 0, data.length, 63);
        return frame(EchoWire.MAC, p);
    }

    static byte[] syn() {
        var p = page();
        Ipv6Header.emit(p, 0, 0, TcpHeader.MIN_LENGTH, Ipv6Header.TCP, 63, CLIENT, EchoWire.ADDRESS);
        TcpHeader.emit(p, Ipv6Header.LENGTH, TcpHeader.MIN_LENGTH, 50_001, 80, 1, 0, TcpHeader.MIN_LENGTH, TcpHeader.SYN, 65_535)
                .fillChecksum(CLIENT, EchoWire.ADDRESS);
        return frame(EchoWire.MAC, p);
    }

    static byte[] data(int length, int seed) {
        var d = new byte[length];
        for (int i = 0; i < length; i++) d[i] = (byte) (seed * 31 + i * 7);
        return d;
    }

    // ---- reading what came back ---------------------------------------------------------------

    /** Sends one frame; what the host answered, taken before transmit returned. */
    List<byte[]> send(byte[] frame) {
        received.clear();
        assertTrue(wire.transmit(frame, 0, frame.length));
        var answers = List.copyOf(received);
        received.clear();
        return answers;
    }

    /** The IPv6 packet in a frame the host sent, checked as PackOS' router would check it. */
    static Packet ipv6(byte[] frame) throws MalformedPacketException {
        var f = EthernetFrame.check(frame);
        assertEquals(EchoWire.MAC, f.source());
        assertTrue(f.isIpv6());
        var p = Packet.standalone(f.payloadLength());
        f.copyPayloadTo(p);
        p.setLength(Ipv6Header.check(p).payloadEnd());
        return p;
    }

    static MacAddress destination(byte[] frame) throws MalformedPacketException { return EthernetFrame.check(frame).destination(); }

    /** Resolves the client's address the way the router would: answers the host's solicitation by proxy. */
    void resolveClient() throws Exception {
        var answers = send(ping(1, data(8, 1)));
        assertEquals(1, answers.size());
        var ns = (NeighborSolicitation) Ndp.check(ipv6(answers.getFirst()));
        assertEquals(CLIENT, ns.target());
        assertEquals(Ipv6Multicast.mac(Ipv6Multicast.solicitedNode(CLIENT)), destination(answers.getFirst()));
        var replies = send(proxyAdvertisement(CLIENT));
        assertEquals(1, replies.size(), "the waiting echo reply goes out once the address resolves");
    }

    // ---- tests --------------------------------------------------------------------------------

    @Test
    void answersASolicitationForEitherOfItsAddressesBeforeTransmitReturns() throws Exception {
        for (var target : List.of(EchoWire.ADDRESS, Eui64.linkLocal(EchoWire.MAC))) {
            var answers = send(solicitation(target.isLinkLocal() ? Eui64.linkLocal(ROUTER_MAC) : ROUTER, target));
            assertEquals(1, answers.size(), target::toString);
            assertEquals(ROUTER_MAC, destination(answers.getFirst()));
            var na = (NeighborAdvertisement) Ndp.check(ipv6(answers.getFirst()));
            assertEquals(target, na.target());
            assertEquals(new NeighborAdvertisement.Flags(false, true, true), na.flags());
            assertEquals(EchoWire.MAC, na.targetLinkLayerAddress().orElseThrow());
        }
        assertEquals(List.of(), send(solicitation(ROUTER, Address.parse("fd00:7e8f::99"))), "not its address: no answer");
        assertEquals(1, wire.stats().host().notForUs());
        assertEquals(2, wire.stats().host().advertisementsSent());
    }

    @Test
    void defendsItsAddressAgainstADuplicateAddressProbe() throws Exception {
        var p = page();
        NeighborSolicitation.emitDuplicateAddressProbe(p, EchoWire.ADDRESS);
        var answers = send(frame(Ipv6Multicast.mac(Ipv6Multicast.solicitedNode(EchoWire.ADDRESS)), p));
        assertEquals(1, answers.size());
        var na = (NeighborAdvertisement) Ndp.check(ipv6(answers.getFirst()));
        assertEquals(Ipv6Multicast.ALL_NODES, na.destination());
        assertFalse(na.flags().solicited());
    }

    @Test
    void answersAPingFromAKanAddressOnceTheRouterAnswersForItAndAtOnceAfterwards() throws Exception {
        resolveClient();
        var data = data(1452, 5);
        var answers = send(ping(2, data));
        assertEquals(1, answers.size());
        assertEquals(ROUTER_MAC, destination(answers.getFirst()));
        var ip = ipv6(answers.getFirst());
        var reply = Icmpv6.check(ip, Ipv6Header.LENGTH, ip.length() - Ipv6Header.LENGTH);
        assertTrue(reply.hasValidChecksum(EchoWire.ADDRESS, CLIENT));
        assertEquals(Icmpv6.ECHO_REPLY, reply.type());
        assertEquals(0xec40, reply.identifier());
        assertEquals(2, reply.sequence());
        assertArrayEquals(data, reply.data());
        assertEquals(EchoWire.ADDRESS, ip.address(8));
        assertEquals(CLIENT, ip.address(24));
        assertEquals(2, wire.stats().host().echoesAnswered());
    }

    @Test
    void echoesUdpPortSevenByteForByteAndRefusesOtherPortsAndTcp() throws Exception {
        resolveClient();
        for (int length : new int[] {0, 1, 700, 1452}) {
            var data = data(length, length);
            var answers = send(udp(7, data));
            assertEquals(1, answers.size());
            var ip = ipv6(answers.getFirst());
            var h = UdpHeader.check(ip, Ipv6Header.LENGTH, ip.length() - Ipv6Header.LENGTH);
            assertTrue(h.hasValidChecksum(EchoWire.ADDRESS, CLIENT));
            assertEquals(7, h.sourcePort());
            assertEquals(50_000, h.destinationPort());
            assertArrayEquals(data, h.payload());
        }
        for (var refused : List.of(udp(9, data(10, 9)), syn())) {
            var answers = send(refused);
            assertEquals(1, answers.size());
            var ip = ipv6(answers.getFirst());
            var error = Icmpv6.check(ip, Ipv6Header.LENGTH, ip.length() - Ipv6Header.LENGTH);
            assertTrue(error.hasValidChecksum(EchoWire.ADDRESS, CLIENT));
            assertEquals(Icmpv6.DESTINATION_UNREACHABLE, error.type());
            assertEquals(Icmpv6.PORT_UNREACHABLE, error.code());
        }
        assertEquals(4, wire.stats().udpEchoed());
        assertEquals(2, wire.stats().host().unreachableSent());
    }

    @Test
    void itsNeighbourTimersCatchUpAtTheNextFrameInMachineTime() throws Exception {
        assertEquals(1, send(ping(1, data(8, 1))).size(), "the first solicitation for the client");
        now.set(500 * MS);
        assertEquals(List.of(), send(ping(2, data(8, 2))), "queued behind the resolution, no new solicitation yet");
        now.set(1_100 * MS);
        var answers = send(ping(3, data(8, 3)));
        assertEquals(1, answers.size(), "the retransmission is due: it goes out with this frame");
        assertEquals(CLIENT, ((NeighborSolicitation) Ndp.check(ipv6(answers.getFirst()))).target());
        now.set(2_200 * MS);
        assertEquals(1, send(ping(4, data(8, 4))).size(), "the third and last solicitation");
        assertEquals(1, wire.stats().host().neighborUnreachable(), "three replies wait at most: the fourth pushed the first out");
        // Three solicitations unanswered: the waiting replies are given up, as RFC 4861 says, and
        // the next reply starts a resolution afresh.
        now.set(3_300 * MS);
        assertEquals(1, send(ping(5, data(8, 5))).size());
        assertEquals(4, wire.stats().host().solicitationsSent());
        assertTrue(wire.stats().host().neighborUnreachable() >= 3, wire.stats()::toString);
    }

    @Test
    void framesOfNoFramesLengthAndFramesAfterCloseAreRefused() {
        assertFalse(wire.transmit(new byte[13], 0, 13));
        assertFalse(wire.transmit(new byte[1515], 0, 1515));
        wire.close();
        var ping = ping(1, data(8, 1));
        assertFalse(wire.transmit(ping, 0, ping.length));
        assertEquals(3, wire.stats().refusedAtTransmit());
        assertEquals(0, wire.stats().host().framesIn());
        var unstarted = EchoWire.open(KAN, 7, now::get);
        assertFalse(unstarted.transmit(ping, 0, ping.length), "no card to answer to yet");
    }

    /** The ways a frame from the card can be wrong, each a good frame broken in one place, or no frame at all. */
    enum Bad { CUT, FLIPPED_BITS, RANDOM, WRONG_ETHERTYPE, OTHER_MAC, LYING_PAYLOAD_LENGTH, NDP_HOP_LIMIT_64, UDP_LENGTH_PAST_END,
        UDP_ZERO_CHECKSUM, MULTICAST_SOURCE }

    @Test
    void thousandsOfBrokenFramesAreCountedAndIgnoredAndAGoodPingIsAnsweredAfterwards() throws Exception {
        resolveClient();
        var random = new SplittableRandom(20_261_126L);
        var good = List.of(solicitation(ROUTER, EchoWire.ADDRESS), ping(7, data(64, 7)), udp(7, data(300, 3)), udp(9, data(5, 5)), syn(),
                proxyAdvertisement(CLIENT));
        int sent = 0;
        for (int i = 0; i < 5_000; i++) {
            var kind = Bad.values()[random.nextInt(Bad.values().length)];
            var frame = broken(kind, good.get(random.nextInt(good.size())), random);
            received.clear();
            // Never a throw, whatever the bytes: the frame is of a frame's length, so the wire takes it.
            assertTrue(wire.transmit(frame, 0, frame.length), kind::toString);
            sent++;
            // Whatever the host says to a broken frame is itself a well-formed frame PackOS would accept.
            for (var answer : received) assertWellFormed(answer, kind);
        }
        var stats = wire.stats().host();
        assertEquals(sent + 2L, stats.framesIn(), "every frame counted (and the two of the resolution)");
        for (long dropped : new long[] {stats.malformed(), stats.badChecksum(), stats.badNdp(), stats.notForUs(), stats.unsupported()}) {
            assertTrue(dropped > 0, stats::toString);
        }
        var data = data(999, 42);
        var answers = send(ping(42, data));
        assertEquals(1, answers.size(), stats::toString);
        var ip = ipv6(answers.getFirst());
        assertArrayEquals(data, Icmpv6.check(ip, Ipv6Header.LENGTH, ip.length() - Ipv6Header.LENGTH).data());
    }

    static byte[] broken(Bad kind, byte[] good, SplittableRandom random) {
        var f = good.clone();
        int ip = EthernetFrame.HEADER_LENGTH, upper = ip + Ipv6Header.LENGTH;
        switch (kind) {
            case CUT -> f = Arrays.copyOf(f, EthernetFrame.HEADER_LENGTH + random.nextInt(f.length - EthernetFrame.HEADER_LENGTH));
            case FLIPPED_BITS -> {
                for (int n = 1 + random.nextInt(4); n > 0; n--) f[random.nextInt(f.length)] ^= (byte) (1 << random.nextInt(8));
            }
            case RANDOM -> {
                f = new byte[EthernetFrame.HEADER_LENGTH + random.nextInt(EthernetFrame.MTU + 1)];
                random.nextBytes(f);
                // Half to the host's MAC as IPv6, so the junk gets past the Ethernet header.
                if (random.nextBoolean()) {
                    EchoWire.MAC.toBytes(f, 0);
                    f[12] = (byte) 0x86;
                    f[13] = (byte) 0xdd;
                }
            }
            case WRONG_ETHERTYPE -> {
                f[12] = 0x08;
                f[13] = 0x06;
            }
            case OTHER_MAC -> MacAddress.parse("52:54:00:00:00:99").toBytes(f, 0);
            case LYING_PAYLOAD_LENGTH -> putU16(f, ip + 4, f.length - upper + 1 + random.nextInt(2000));
            case NDP_HOP_LIMIT_64 -> f[ip + 7] = 64;
            case UDP_LENGTH_PAST_END -> {
                if (f.length > upper + 8) putU16(f, upper + 4, f.length - upper + 1 + random.nextInt(100));
            }
            case UDP_ZERO_CHECKSUM -> {
                if (f.length > upper + 8) putU16(f, upper + 6, 0);
            }
            case MULTICAST_SOURCE -> f[ip + 8] = (byte) 0xff;
        }
        return f;
    }

    static void putU16(byte[] f, int at, int value) {
        f[at] = (byte) (value >>> 8);
        f[at + 1] = (byte) value;
    }

    static void assertWellFormed(byte[] frame, Bad cause) throws MalformedPacketException {
        var p = ipv6(frame);
        var h = Ipv6Header.check(p);
        int length = h.payloadLength();
        switch (h.nextHeader()) {
            case Ipv6Header.ICMPV6 -> {
                int type = p.u8(Ipv6Header.LENGTH);
                if (Ndp.isNdp(type)) Ndp.check(p);
                else assertTrue(Icmpv6.check(p, Ipv6Header.LENGTH, length).hasValidChecksum(h.source(), h.destination()), cause::toString);
            }
            case Ipv6Header.UDP -> assertTrue(UdpHeader.check(p, Ipv6Header.LENGTH, length).hasValidChecksum(h.source(), h.destination()),
                    cause::toString);
            default -> throw new AssertionError("the host sent next header " + h.nextHeader() + " after a " + cause + " frame");
        }
    }
}
