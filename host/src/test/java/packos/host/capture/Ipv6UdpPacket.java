package packos.host.capture;

import java.nio.ByteBuffer;
import packos.kernel.Address;

/** Builds a valid IPv6 + UDP packet by hand (RFC 8200, RFC 768 with the RFC 8200 pseudo-header). */
final class Ipv6UdpPacket {
    private Ipv6UdpPacket() {}

    static byte[] build(Address source, Address destination, int sourcePort, int destinationPort, byte[] payload) {
        int udpLength = 8 + payload.length;
        var b = ByteBuffer.allocate(40 + udpLength);
        b.putInt(6 << 28);                 // version 6, traffic class 0, flow label 0
        b.putShort((short) udpLength);     // payload length
        b.put((byte) 17);                  // next header: UDP
        b.put((byte) 64);                  // hop limit
        b.put(source.toBytes());
        b.put(destination.toBytes());
        b.putShort((short) sourcePort);
        b.putShort((short) destinationPort);
        b.putShort((short) udpLength);
        b.putShort((short) 0);             // checksum, filled in below
        b.put(payload);
        var packet = b.array();
        int sum = checksum(packet, udpLength);
        packet[46] = (byte) (sum >>> 8);
        packet[47] = (byte) sum;
        return packet;
    }

    /** Ones' complement sum over the pseudo-header and the UDP datagram; 0 is sent as 0xffff. */
    private static int checksum(byte[] packet, int udpLength) {
        long sum = 0;
        for (int i = 8; i < 40; i += 2) sum += word(packet, i);   // source and destination
        sum += udpLength;
        sum += 17;
        for (int i = 40; i < 40 + udpLength; i += 2) {
            sum += i + 1 < 40 + udpLength ? word(packet, i) : (packet[i] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        int result = (int) ~sum & 0xffff;
        return result == 0 ? 0xffff : result;
    }

    private static int word(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
}
