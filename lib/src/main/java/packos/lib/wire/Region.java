package packos.lib.wire;

import packos.kernel.Packet;

/** A view's region must lie inside the packet, or reading it would throw instead of rejecting it. */
final class Region {
    private Region() {}

    static void check(String header, Packet p, int offset, int length) throws MalformedPacketException {
        if (offset < 0 || length < 0 || offset > p.length() - length) {
            throw new MalformedPacketException(header + " header: region at " + offset + " of " + length
                    + " bytes lies outside the " + p.length() + "-byte packet");
        }
    }
}
