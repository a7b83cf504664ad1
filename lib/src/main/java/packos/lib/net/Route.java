package packos.lib.net;

import packos.kernel.Address;
import packos.kernel.Prefix;

/** Packets for {@code destination} leave by {@code via}, to {@code gateway} (null: the destination is on the link). */
public record Route(Prefix destination, Address gateway, NetInterface via) {
    public Address nextHop(Address target) { return gateway != null ? gateway : target; }
}
