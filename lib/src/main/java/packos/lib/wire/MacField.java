package packos.lib.wire;

import packos.kernel.Packet;
import packos.machine.nic.MacAddress;

/** A MAC address as six bytes of a packet, in network order: an Ethernet header's, or a link-layer address option's (RFC 2464 sections 3 and 8). */
final class MacField {
    private MacField() {}

    /** The six bytes at {@code off}; the caller has checked that they lie inside the packet. */
    static MacAddress read(Packet p, int off) {
        return new MacAddress(((long) p.u16(off) << 32) | p.u32(off + 2));
    }

    static void write(Packet p, int off, MacAddress mac) {
        p.putU16(off, (int) (mac.bits() >>> 32));
        p.putI32(off + 2, (int) mac.bits());
    }
}
