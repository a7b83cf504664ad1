package packos.host.outside;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import packos.kernel.Address;
import packos.lib.wire.EthernetFrame;
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.Ndp;
import packos.lib.wire.NeighborSolicitation;
import packos.machine.nic.MacAddress;

/**
 * The far end of a PackOS card's {@code udp} wire, played by the test: a UDP socket on loopback
 * that sends and receives one Ethernet frame per datagram, as the host fd00:7e8f::1. While it waits
 * for a frame it answers the Neighbor Solicitations for its address, as any host on the link must
 * before PackOS can send it anything.
 */
final class OutsideHost implements AutoCloseable {
    static final Address ADDRESS = Address.parse("fd00:7e8f::1");
    static final MacAddress MAC = MacAddress.parse("02:00:00:0e:2e:01");

    private final DatagramSocket socket;
    private final InetSocketAddress card;
    private final Frames frames;
    private int solicitationsAnswered;

    OutsideHost(int port, int cardPort, MacAddress router) throws IOException {
        var loopback = InetAddress.ofLiteral("::1");
        socket = new DatagramSocket(new InetSocketAddress(loopback, port));
        socket.setReceiveBufferSize(1 << 20);
        card = new InetSocketAddress(loopback, cardPort);
        frames = new Frames(MAC, ADDRESS, router);
    }

    Frames frames() { return frames; }

    int solicitationsAnswered() { return solicitationsAnswered; }

    void send(byte[] frame) throws IOException {
        socket.send(new DatagramPacket(frame, frame.length, card));
    }

    /**
     * The first frame from PackOS that {@code wanted} accepts within {@code limit}, answering
     * solicitations for our address meanwhile; empty if none came.
     */
    Optional<byte[]> await(Predicate<byte[]> wanted, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        var buffer = new byte[65_536];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) return Optional.empty();
            socket.setSoTimeout((int) Math.max(1, left));
            var d = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(d);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            var frame = Arrays.copyOf(d.getData(), d.getLength());
            if (isSolicitationForUs(frame)) {
                var asker = Address.fromBytes(frame, Frames.IPV6 + 8);
                send(frames.advertisement(asker, MacAddress.of(frame, 6)));
                solicitationsAnswered++;
            } else if (wanted.test(frame)) {
                return Optional.of(frame);
            }
        }
    }

    private static boolean isIpv6(byte[] frame, int nextHeader) {
        return frame.length >= Frames.UPPER + 8 && Frames.u16(frame, 12) == EthernetFrame.ETHERTYPE_IPV6
                && (frame[Frames.IPV6 + 6] & 0xff) == nextHeader;
    }

    private static boolean isSolicitationForUs(byte[] frame) {
        return isIpv6(frame, Ipv6Header.ICMPV6) && (frame[Frames.UPPER] & 0xff) == Ndp.NEIGHBOR_SOLICITATION
                && frame.length >= Frames.UPPER + NeighborSolicitation.FIXED_LENGTH
                && Address.fromBytes(frame, Frames.UPPER + 8).equals(ADDRESS);
    }

    /** An echo reply from {@code from} with this identifier and sequence number. */
    static Predicate<byte[]> echoReply(Address from, int identifier, int sequence) {
        return f -> isIpv6(f, Ipv6Header.ICMPV6) && (f[Frames.UPPER] & 0xff) == Icmpv6.ECHO_REPLY
                && Address.fromBytes(f, Frames.IPV6 + 8).equals(from) && Frames.u16(f, Frames.UPPER + 4) == identifier
                && Frames.u16(f, Frames.UPPER + 6) == sequence;
    }

    /**
     * A UDP datagram to us from {@code port} to our {@code ownPort}, whatever its source address
     * (a router answers from the address of the interface the answer leaves by, not the one asked).
     */
    static Predicate<byte[]> udpFrom(int port, int ownPort) {
        return f -> isIpv6(f, Ipv6Header.UDP) && Address.fromBytes(f, Frames.IPV6 + 24).equals(ADDRESS)
                && Frames.u16(f, Frames.UPPER) == port && Frames.u16(f, Frames.UPPER + 2) == ownPort;
    }

    /** The data of a UDP datagram in a frame, trimmed to the UDP length (a short frame is padded). */
    static byte[] udpData(byte[] frame) {
        int length = Frames.u16(frame, Frames.UPPER + 4);
        return Arrays.copyOfRange(frame, Frames.UPPER + 8, Frames.UPPER + length);
    }

    @Override
    public void close() {
        socket.close();
    }
}
