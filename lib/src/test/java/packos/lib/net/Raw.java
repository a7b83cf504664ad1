package packos.lib.net;

import java.io.ByteArrayOutputStream;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.kernel.Syscalls;
import packos.lib.wire.UdpDatagram;

/** Packets built by hand, past the stack's own checks, for the receive path to judge. */
final class Raw {
    private Raw() {}

    /** A pool packet from this context to {@code destination}: an IPv6 header whose payload length is the payload's. */
    static Packet ipv6(Syscalls sys, Address destination, int nextHeader, byte[] payload) {
        return ipv6(sys, destination, nextHeader, payload.length, payload);
    }

    /** As {@link #ipv6(Syscalls, Address, int, byte[])} with the payload length field given: it may lie. */
    static Packet ipv6(Syscalls sys, Address destination, int nextHeader, int payloadLengthField, byte[] payload) {
        Packet p = sys.allocate();
        p.setLength(40 + payload.length);
        p.putU8(0, 0x60);
        p.putU16(4, payloadLengthField);
        p.putU8(6, nextHeader);
        p.putU8(7, 64);
        p.putAddress(8, sys.address());
        p.putAddress(24, destination);
        p.put(40, payload);
        p.setKanDestination(destination);
        return p;
    }

    /** A UDP header and data with a correct checksum for this source and destination. */
    static byte[] udp(Address source, int sourcePort, Address destination, int destinationPort, byte[] data) {
        var scratch = Packet.standalone(UdpDatagram.HEADERS_LENGTH + data.length);
        UdpDatagram.emit(scratch, source, sourcePort, destination, destinationPort, data, 0, data.length, 64);
        return scratch.copyBytes(40, 8 + data.length);
    }

    /** A Fragment header: offset in bytes (a multiple of 8), the M flag, a 32-bit identification. */
    static byte[] fragmentHeader(int nextHeader, int offset, boolean more, int identification) {
        int field = offset | (more ? 1 : 0);
        return of(nextHeader, 0, field >>> 8, field, identification >>> 24, identification >>> 16, identification >>> 8, identification);
    }

    static byte[] of(int... values) {
        var b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var part : parts) out.writeBytes(part);
        return out.toByteArray();
    }

    static byte[] range(byte[] b, int from, int to) { return java.util.Arrays.copyOfRange(b, from, to); }
}
