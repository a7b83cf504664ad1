package packos.lib.net;

/** The reachability states of a neighbour cache entry (RFC 4861 section 7.3.2). */
public enum NeighborState {
    /** Resolution is in progress: a multicast solicitation was sent, no advertisement came yet. */
    INCOMPLETE,
    /** Known to be reachable within the last ReachableTime. */
    REACHABLE,
    /** Not known to be reachable; nothing is done until a packet is sent to it. */
    STALE,
    /** A packet was sent while STALE; upper layers have DELAY_FIRST_PROBE_TIME to confirm before probing. */
    DELAY,
    /** Being probed with unicast solicitations every RetransTimer. */
    PROBE
}
