package packos.lib.wire;

import packos.kernel.Address;
import packos.kernel.Packet;
import packos.machine.nic.MacAddress;

/**
 * A Neighbor Discovery option (RFC 4861 section 4.6): type, length in units of 8 octets, content.
 * The link-layer address options carry a MAC address as RFC 2464 section 6 lays it out for
 * Ethernet.
 */
public sealed interface NdpOption {
    int SOURCE_LINK_LAYER_ADDRESS = 1;
    int TARGET_LINK_LAYER_ADDRESS = 2;
    int PREFIX_INFORMATION = 3;
    int REDIRECTED_HEADER = 4;
    int MTU = 5;

    /** A lifetime of all ones means forever (RFC 4861 section 4.6.2). */
    long INFINITE_LIFETIME = 0xffff_ffffL;

    int type();

    /** The length field: the whole option, type and length included, in units of 8 octets. */
    int lengthUnits();

    default int length() { return 8 * lengthUnits(); }

    /** Writes the option at {@code offset}; the caller has made room for {@link #length()} bytes. */
    void write(Packet p, int offset);

    /** Type 1, length 1 on Ethernet: the sender's MAC address, so the receiver needs no resolution to answer. */
    record SourceLinkLayerAddress(MacAddress address) implements NdpOption {
        public int type() { return SOURCE_LINK_LAYER_ADDRESS; }
        public int lengthUnits() { return 1; }
        public void write(Packet p, int offset) { writeLinkLayer(p, offset, type(), address); }
    }

    /** Type 2, length 1 on Ethernet: the target's MAC address in an advertisement or redirect. */
    record TargetLinkLayerAddress(MacAddress address) implements NdpOption {
        public int type() { return TARGET_LINK_LAYER_ADDRESS; }
        public int lengthUnits() { return 1; }
        public void write(Packet p, int offset) { writeLinkLayer(p, offset, type(), address); }
    }

    /**
     * Type 3, length 4 (RFC 4861 section 4.6.2): an on-link prefix (L) and one to form addresses
     * from (A, RFC 4862 section 5.5.3), with lifetimes in seconds.
     */
    record PrefixInformation(int prefixLength, boolean onLink, boolean autonomous, long validLifetime, long preferredLifetime,
                             Address prefix) implements NdpOption {
        static final int ON_LINK_FLAG = 0x80;
        static final int AUTONOMOUS_FLAG = 0x40;

        public PrefixInformation {
            FieldValue.inRange("prefix length", prefixLength, 128);
            FieldValue.inRange("valid lifetime", validLifetime, INFINITE_LIFETIME);
            FieldValue.inRange("preferred lifetime", preferredLifetime, INFINITE_LIFETIME);
        }

        public int type() { return PREFIX_INFORMATION; }
        public int lengthUnits() { return 4; }

        public void write(Packet p, int offset) {
            p.putU8(offset, type());
            p.putU8(offset + 1, lengthUnits());
            p.putU8(offset + 2, prefixLength);
            p.putU8(offset + 3, (onLink ? ON_LINK_FLAG : 0) | (autonomous ? AUTONOMOUS_FLAG : 0));
            p.putI32(offset + 4, (int) validLifetime);
            p.putI32(offset + 8, (int) preferredLifetime);
            p.putI32(offset + 12, 0);
            p.putAddress(offset + 16, prefix);
        }
    }

    /** Type 5, length 1: the link's MTU, which hosts adopt (RFC 4861 section 4.6.4). */
    record Mtu(long mtu) implements NdpOption {
        public Mtu {
            FieldValue.inRange("MTU", mtu, 0xffff_ffffL);
        }

        public int type() { return MTU; }
        public int lengthUnits() { return 1; }

        public void write(Packet p, int offset) {
            p.putU8(offset, type());
            p.putU8(offset + 1, lengthUnits());
            p.putU16(offset + 2, 0);
            p.putI32(offset + 4, (int) mtu);
        }
    }

    /**
     * Type 4: as much of the redirected packet as fits, at {@code dataOffset} in the packet it was
     * read from. Received only: PackOS sends no redirects.
     */
    record RedirectedHeader(int lengthUnits, int dataOffset, int dataLength) implements NdpOption {
        public int type() { return REDIRECTED_HEADER; }

        public void write(Packet p, int offset) {
            throw new UnsupportedOperationException("a Redirected Header option is read, never written");
        }
    }

    /** Any other type: skipped by its length, as RFC 4861 section 4.6 requires of options a node does not know. */
    record Unrecognized(int type, int lengthUnits) implements NdpOption {
        public void write(Packet p, int offset) {
            throw new UnsupportedOperationException("option type " + type + " was read, and is not written");
        }
    }

    private static void writeLinkLayer(Packet p, int offset, int type, MacAddress address) {
        p.putU8(offset, type);
        p.putU8(offset + 1, 1);
        MacField.write(p, offset + 2, address);
    }
}
