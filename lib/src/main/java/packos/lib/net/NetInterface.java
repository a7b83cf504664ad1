package packos.lib.net;

import packos.kernel.Address;
import packos.kernel.Packet;
import packos.kernel.Prefix;

/** One network interface of a process: its address, the prefix on its link, and how a packet leaves by it. */
public interface NetInterface {
    String name();

    /** The address the stack sources packets from on this link. */
    Address address();

    /** Whether {@code a} is one of this interface's addresses; a link may have several (link-local and global). */
    default boolean owns(Address a) { return address().equals(a); }

    Prefix prefix();

    /** The largest IPv6 packet the link carries. */
    int mtu();

    /**
     * Whether the link fills upper-layer checksums left pending ({@link Packet#setChecksumPending})
     * and vouches for the bytes it delivers, as a NIC with checksum offload does. A link that
     * cannot must get finished checksums.
     */
    default boolean checksumOffload() { return false; }

    /** Hands the packet to the link for {@code nextHop}; on success the packet is gone. */
    void transmit(Packet packet, Address nextHop);
}
