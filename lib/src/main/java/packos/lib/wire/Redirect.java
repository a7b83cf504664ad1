package packos.lib.wire;

import java.util.List;
import packos.kernel.Address;
import packos.kernel.Packet;

/**
 * Redirect (RFC 4861 section 4.5): a router tells a host of a better first hop. Read only, so the
 * stack can validate and count what arrives; PackOS's router sends none.
 */
public final class Redirect extends NdpMessage {
    public static final int FIXED_LENGTH = 40;
    private static final int DESTINATION_ADDRESS_FIELD = 24;

    Redirect(Packet packet, int offset, int length, List<NdpOption> options) {
        super(packet, offset, length, options);
    }

    @Override
    String name() { return "Redirect"; }

    /** RFC 4861 section 8.1; whether the source is the current first hop is for the receiver's routes to say. */
    @Override
    void validate() throws MalformedPacketException {
        if (!source().isLinkLocal()) throw malformed("IPv6 source address " + source() + " is not link-local");
        if (destinationAddress().isMulticast()) {
            throw malformed("destination address field " + destinationAddress() + " is multicast");
        }
        if (!target().isLinkLocal() && !target().equals(destinationAddress())) {
            throw malformed("target address field " + target() + " is neither link-local nor the destination "
                    + destinationAddress());
        }
    }

    /** The better first hop: a router's link-local address, or the destination itself when it is on the link. */
    public Address target() { return packet.address(offset + TARGET_FIELD); }

    /** The destination that is redirected (the ICMP field, not the IPv6 header's). */
    public Address destinationAddress() { return packet.address(offset + DESTINATION_ADDRESS_FIELD); }
}
