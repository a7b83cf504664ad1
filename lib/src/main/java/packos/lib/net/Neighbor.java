package packos.lib.net;

import packos.kernel.Address;
import packos.machine.nic.MacAddress;

/**
 * A snapshot of one neighbour cache entry.
 *
 * @param linkAddress null while {@link NeighborState#INCOMPLETE}
 * @param router the IsRouter flag, from the last advertisement's R flag
 * @param deadline when the entry's timer fires, or {@link Long#MAX_VALUE} if none runs
 */
public record Neighbor(Address address, MacAddress linkAddress, NeighborState state, boolean router, int queued, long deadline) {}
