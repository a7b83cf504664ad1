package packos.lib.wire;

import packos.kernel.Address;
import packos.kernel.InetChecksum;
import packos.kernel.Packet;

/** The upper-layer checksum over the IPv6 pseudo-header (RFC 8200 section 8.1) and a region of a packet. */
public final class Checksums {
    private Checksums() {}

    /**
     * The checksum to store in a header whose checksum field, inside the region, is zero.
     * {@code length} is the upper-layer length that goes into the pseudo-header.
     */
    public static int compute(Packet p, int offset, int length, Address source, Address destination, int nextHeader) {
        return InetChecksum.finish(sum(p, offset, length, source, destination, nextHeader));
    }

    /** True when the region, checksum field included, sums to all ones with the pseudo-header. */
    public static boolean verify(Packet p, int offset, int length, Address source, Address destination, int nextHeader) {
        return InetChecksum.finish(sum(p, offset, length, source, destination, nextHeader)) == 0;
    }

    private static long sum(Packet p, int offset, int length, Address source, Address destination, int nextHeader) {
        return p.onesSum(offset, length, InetChecksum.pseudoHeader(source, destination, length, nextHeader));
    }
}
