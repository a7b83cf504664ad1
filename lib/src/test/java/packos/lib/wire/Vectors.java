package packos.lib.wire;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import packos.kernel.Address;
import packos.kernel.Packet;

/**
 * Packets written byte by byte for the tests. The checksums in the hex vectors were computed
 * independently, by a short Python script (RFC 1071 sum over the RFC 8200 pseudo-header).
 */
final class Vectors {
    private Vectors() {}

    static final Address FE80_1 = Address.parse("fe80::1");
    static final Address FE80_2 = Address.parse("fe80::2");
    static final Address DOC_1 = Address.parse("2001:db8::1");
    static final Address DOC_2 = Address.parse("2001:db8::2");
    static final Address ALL_NODES = Address.parse("ff02::1");

    /** Echo Request fe80::1 -> fe80::2, hop limit 64, identifier 0x1234, sequence 1, data "abcdefgh". */
    static final String ECHO_REQUEST = "6000000000103a40fe800000000000000000000000000001fe800000000000000000000000000002"
            + "8000dee5123400016162636465666768";
    static final int ECHO_REQUEST_CHECKSUM = 0xdee5;
    /** The checksum of the reply fe80::2 -> fe80::1 to that request. */
    static final int ECHO_REPLY_CHECKSUM = 0xdde5;

    /** UDP 2001:db8::1 port 12345 -> 2001:db8::2 port 53, hop limit 64, data "hello, packos!". */
    static final String UDP = "600000000016114020010db800000000000000000000000120010db8000000000000000000000002"
            + "303900350016cf7c68656c6c6f2c207061636b6f7321";
    static final int UDP_CHECKSUM = 0xcf7c;

    /** UDP data that, from 2001:db8::1 port 1000 to 2001:db8::2 port 2000, sums to a checksum of 0. */
    static final String UDP_DATA_SUMMING_TO_ZERO = "000198a8";

    static byte[] bytes(String hex) { return HexFormat.of().parseHex(hex); }

    static String hex(byte[] b) { return HexFormat.of().formatHex(b); }

    static Packet packet(String hex) { return Packet.of(bytes(hex)); }

    /** A fixed IPv6 header, version 6, traffic class and flow label 0, hop limit 64. */
    static byte[] ipv6Header(Address source, Address destination, int payloadLength, int nextHeader) {
        var b = new byte[40];
        b[0] = 0x60;
        b[4] = (byte) (payloadLength >>> 8);
        b[5] = (byte) payloadLength;
        b[6] = (byte) nextHeader;
        b[7] = 64;
        source.toBytes(b, 8);
        destination.toBytes(b, 24);
        return b;
    }

    /** An IPv6 packet whose payload is the concatenation of {@code parts}. */
    static Packet ipv6(Address source, Address destination, int nextHeader, byte[]... parts) {
        var payload = concat(parts);
        return Packet.of(concat(ipv6Header(source, destination, payload.length, nextHeader), payload));
    }

    static Packet ipv6(int nextHeader, byte[]... parts) { return ipv6(DOC_1, DOC_2, nextHeader, parts); }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** Bytes from ints, so vectors read as the RFC's diagrams do. */
    static byte[] of(int... values) {
        var b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    /** A Fragment header: offset in bytes (a multiple of 8), the M flag, a 32-bit identification. */
    static byte[] fragmentHeader(int nextHeader, int offset, boolean more, int identification) {
        int field = offset | (more ? 1 : 0);
        return of(nextHeader, 0, field >>> 8, field, identification >>> 24, identification >>> 16, identification >>> 8, identification);
    }

    /** A UDP header with a zero-filled 8-byte body, enough for the walk to stop at. */
    static byte[] udpStub() { return of(0x30, 0x39, 0, 53, 0, 16, 0x12, 0x34, 0, 0, 0, 0, 0, 0, 0, 0); }
}
