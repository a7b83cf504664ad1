package packos.lib.net;

/**
 * Neighbour Unreachability Detection's parameters, times in nanoseconds of machine time as the
 * TCP engine counts them. {@link #DEFAULT} holds RFC 4861 section 10's protocol constants and
 * section 6.3.2's host variables.
 *
 * @param queueLimit packets held per neighbour while it resolves (RFC 4861 section 7.2.2 asks for a small queue)
 * @param capacity entries the cache holds at most; past it the least recently used one makes room, so
 *                 solicitations from a flood of made-up sources cannot grow it without bound
 */
public record NeighborConfig(long baseReachableTime, long retransTimer, long delayFirstProbeTime, int maxMulticastSolicit,
                             int maxUnicastSolicit, int queueLimit, int capacity) {
    public static final long MILLISECOND = 1_000_000L;
    public static final long SECOND = 1_000_000_000L;

    /** REACHABLE_TIME 30 s, RETRANS_TIMER 1 s, DELAY_FIRST_PROBE_TIME 5 s, MAX_MULTICAST_SOLICIT and MAX_UNICAST_SOLICIT 3. */
    public static final NeighborConfig DEFAULT = new NeighborConfig(30 * SECOND, SECOND, 5 * SECOND, 3, 3, 3, 256);

    public NeighborConfig {
        if (baseReachableTime <= 0 || retransTimer <= 0 || delayFirstProbeTime <= 0) {
            throw new IllegalArgumentException("neighbour timers must be positive: " + baseReachableTime + ", " + retransTimer + ", "
                    + delayFirstProbeTime);
        }
        if (maxMulticastSolicit < 1 || maxUnicastSolicit < 1 || queueLimit < 1 || capacity < 1) {
            throw new IllegalArgumentException("solicitation counts, queue limit and capacity must be at least 1");
        }
    }

    public NeighborConfig withBaseReachableTime(long time) {
        return new NeighborConfig(time, retransTimer, delayFirstProbeTime, maxMulticastSolicit, maxUnicastSolicit, queueLimit, capacity);
    }

    public NeighborConfig withRetransTimer(long time) {
        return new NeighborConfig(baseReachableTime, time, delayFirstProbeTime, maxMulticastSolicit, maxUnicastSolicit, queueLimit, capacity);
    }
}
