package packos.lib.net;

import java.util.List;
import packos.kernel.Address;
import packos.machine.nic.MacAddress;

/**
 * What the {@link NeighborCache} asks its caller to do; the cache itself sends nothing.
 *
 * @param <P> the caller's packet type: the cache only holds packets and hands them back
 */
public sealed interface NeighborAction<P> {
    /** Send a Neighbor Solicitation for {@code target} to its solicited-node group (resolution, RFC 4861 section 7.2.2). */
    record SendMulticastSolicitation<P>(Address target) implements NeighborAction<P> {}

    /** Send a Neighbor Solicitation for {@code target} to itself at {@code linkAddress} (a probe, RFC 4861 section 7.3.3). */
    record SendUnicastSolicitation<P>(Address target, MacAddress linkAddress) implements NeighborAction<P> {}

    /** Send {@code packets}, queued while the neighbour resolved or just handed in, to {@code linkAddress}. */
    record Deliver<P>(Address neighbor, MacAddress linkAddress, List<P> packets) implements NeighborAction<P> {
        public Deliver {
            packets = List.copyOf(packets);
        }
    }

    /**
     * Resolution failed: answer each packet with ICMPv6 Destination Unreachable, code 3 (address
     * unreachable, RFC 4861 section 7.2.2), and free it.
     */
    record Unreachable<P>(Address neighbor, List<P> packets) implements NeighborAction<P> {
        public Unreachable {
            packets = List.copyOf(packets);
        }
    }

    /** The neighbour's queue was full: the oldest packet gives way to a new one (RFC 4861 section 7.2.2) and is to be freed. */
    record Discard<P>(Address neighbor, P packet) implements NeighborAction<P> {}
}
