package packos.machine.wire;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Just enough Ethernet, IPv6 and ICMPv6 to talk to Linux over a TAP device in tests. Offsets
 * assume an untagged Ethernet frame and an IPv6 header without extension headers, which is
 * what Linux sends for NDP, echo replies and small UDP datagrams.
 */
final class Frames {
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ICMPV6 = 58;
    static final int UDP = 17;

    private Frames() {}

    static byte[] ipv6(String literal) {
        return ((Inet6Address) InetAddress.ofLiteral(literal)).getAddress();
    }

    static byte[] ethernet(byte[] destination, byte[] source, byte[] ipv6Packet) {
        return ByteBuffer.allocate(14 + ipv6Packet.length)
                .put(destination).put(source).putShort((short) ETHERTYPE_IPV6).put(ipv6Packet).array();
    }

    /** An IPv6 packet carrying {@code message} with its ICMPv6 checksum filled in. */
    static byte[] icmpv6(byte[] source, byte[] destination, int hopLimit, byte[] message) {
        var packet = ByteBuffer.allocate(40 + message.length)
                .putInt(0x6000_0000).putShort((short) message.length).put((byte) ICMPV6).put((byte) hopLimit)
                .put(source).put(destination).put(message).array();
        int checksum = checksum(source, destination, ICMPV6, packet, 40, message.length);
        packet[42] = (byte) (checksum >>> 8);
        packet[43] = (byte) checksum;
        return packet;
    }

    /** RFC 4443 2.3: the ones' complement sum over the pseudo-header and the message. */
    private static int checksum(byte[] source, byte[] destination, int nextHeader, byte[] data, int off, int len) {
        long sum = 0;
        for (int i = 0; i < 16; i += 2) sum += word(source, i) + word(destination, i);
        sum += len + nextHeader;
        for (int i = 0; i < len; i += 2) sum += i + 1 < len ? word(data, off + i) : (data[off + i] & 0xff) << 8;
        while (sum >>> 16 != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) ~sum & 0xffff;
    }

    private static int word(byte[] b, int i) {
        return (b[i] & 0xff) << 8 | b[i + 1] & 0xff;
    }

    /** RFC 4861 4.4: solicited and override, with our link-layer address as the target's. */
    static byte[] neighborAdvertisement(byte[] target, byte[] mac) {
        return ByteBuffer.allocate(32).put((byte) 136).put((byte) 0).putShort((short) 0)
                .putInt(0x6000_0000).put(target).put((byte) 2).put((byte) 1).put(mac).array();
    }

    /** RFC 4861 4.3: asks for {@code target}'s link-layer address, giving ours. */
    static byte[] neighborSolicitation(byte[] target, byte[] mac) {
        return ByteBuffer.allocate(32).put((byte) 135).put((byte) 0).putShort((short) 0)
                .putInt(0).put(target).put((byte) 1).put((byte) 1).put(mac).array();
    }

    static byte[] echoRequest(int identifier, int sequence, byte[] data) {
        return ByteBuffer.allocate(8 + data.length).put((byte) 128).put((byte) 0).putShort((short) 0)
                .putShort((short) identifier).putShort((short) sequence).put(data).array();
    }

    private static boolean isIpv6(byte[] frame, int nextHeader) {
        return frame.length >= 54 && word(frame, 12) == ETHERTYPE_IPV6 && (frame[20] & 0xff) == nextHeader;
    }

    static boolean isIcmpv6(byte[] frame, int type) {
        return isIpv6(frame, ICMPV6) && frame.length > 54 && (frame[54] & 0xff) == type;
    }

    static boolean isUdp(byte[] frame) {
        return isIpv6(frame, UDP);
    }

    /** The target address of a Neighbor Solicitation or Advertisement. */
    static byte[] ndTarget(byte[] frame) {
        return frame.length >= 78 ? java.util.Arrays.copyOfRange(frame, 62, 78) : new byte[0];
    }
}
