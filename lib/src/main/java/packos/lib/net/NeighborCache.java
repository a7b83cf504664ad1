package packos.lib.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import packos.kernel.Address;
import packos.lib.wire.NeighborAdvertisement;
import packos.machine.nic.MacAddress;

/**
 * The neighbour cache of one link (RFC 4861 sections 7.2 and 7.3, the transitions of Appendix C),
 * as a state machine without I/O: the caller hands in packets to send, received NDP, upper-layer
 * confirmations and the time, and performs the {@link NeighborAction}s it gets back. Time is in
 * nanoseconds of machine time, passed in, so tests run it in simulated time.
 *
 * @param <P> the caller's packet type; packets wait here while their next hop resolves
 */
public final class NeighborCache<P> {
    private static final long NO_DEADLINE = Long.MAX_VALUE;
    /** RFC 4861 section 6.3.2: ReachableTime is drawn again "at least every few hours". */
    static final long REDRAW_INTERVAL = 2 * 3600 * NeighborConfig.SECOND;
    private static final double MIN_RANDOM_FACTOR = 0.5;
    private static final double MAX_RANDOM_FACTOR = 1.5;

    private static final class Entry<P> {
        final Address address;
        MacAddress linkAddress;
        NeighborState state;
        boolean router;
        /** Solicitations sent in INCOMPLETE or PROBE. */
        int solicitations;
        long deadline = NO_DEADLINE;
        long lastUsed;
        final ArrayDeque<P> queue = new ArrayDeque<>();

        Entry(Address address) { this.address = address; }
    }

    private final RandomGenerator random;
    private final Map<Address, Entry<P>> entries = new HashMap<>();
    private NeighborConfig config;
    private long reachableTime;
    private long reachableTimeDrawn;
    /** Orders uses for eviction; a counter rather than the clock, so two uses at one instant still differ. */
    private long uses;

    /** {@code random} draws ReachableTime; seeded, it makes runs repeatable. */
    public NeighborCache(NeighborConfig config, RandomGenerator random, long now) {
        this.config = config;
        this.random = random;
        drawReachableTime(now);
    }

    public NeighborConfig config() { return config; }

    /** The current ReachableTime: BaseReachableTime times a factor drawn uniformly from 0.5 to 1.5 (RFC 4861 section 6.3.2). */
    public long reachableTime() { return reachableTime; }

    /** A Router Advertisement's Reachable Time changed BaseReachableTime: draw ReachableTime again (RFC 4861 section 6.3.4). */
    public void setBaseReachableTime(long baseReachableTime, long now) {
        config = config.withBaseReachableTime(baseReachableTime);
        drawReachableTime(now);
    }

    /** A Router Advertisement's Retrans Timer; it applies from the next solicitation on. */
    public void setRetransTimer(long retransTimer) { config = config.withRetransTimer(retransTimer); }

    private void drawReachableTime(long now) {
        double factor = random.nextDouble(MIN_RANDOM_FACTOR, MAX_RANDOM_FACTOR);
        reachableTime = Math.max(1, (long) (config.baseReachableTime() * factor));
        reachableTimeDrawn = now;
    }

    public int size() { return entries.size(); }

    public Optional<Neighbor> lookup(Address neighbor) {
        var e = entries.get(neighbor);
        return e == null ? Optional.empty() : Optional.of(snapshot(e));
    }

    public List<Neighbor> neighbors() {
        return entries.values().stream().map(NeighborCache::snapshot).toList();
    }

    private static <P> Neighbor snapshot(Entry<P> e) {
        return new Neighbor(e.address, e.linkAddress, e.state, e.router, e.queue.size(), e.deadline);
    }

    /** Drops an entry, handing back its queued packets as unreachable. */
    public List<NeighborAction<P>> forget(Address neighbor) {
        var e = entries.remove(neighbor);
        if (e == null || e.queue.isEmpty()) return List.of();
        return List.of(new NeighborAction.Unreachable<>(e.address, drain(e)));
    }

    /**
     * A packet for the on-link next hop {@code neighbor} (RFC 4861 section 7.2.2, 7.3.3): delivered
     * at once if its link address is known, otherwise queued while a multicast solicitation
     * resolves it.
     */
    public List<NeighborAction<P>> send(Address neighbor, P packet, long now) {
        var actions = new ArrayList<NeighborAction<P>>(2);
        var e = entries.get(neighbor);
        if (e == null) {
            e = create(neighbor, NeighborState.INCOMPLETE, actions);
            e.queue.add(packet);
            e.solicitations = 1;
            e.deadline = now + config.retransTimer();
            actions.add(new NeighborAction.SendMulticastSolicitation<>(neighbor));
            return actions;
        }
        e.lastUsed = ++uses;
        if (e.state == NeighborState.INCOMPLETE) {
            if (e.queue.size() >= config.queueLimit()) actions.add(new NeighborAction.Discard<>(neighbor, e.queue.poll()));
            e.queue.add(packet);
            return actions;
        }
        // The REACHABLE timer may have run out without onTimer having been called yet.
        if (e.state == NeighborState.REACHABLE && now >= e.deadline) enter(e, NeighborState.STALE, NO_DEADLINE);
        if (e.state == NeighborState.STALE) enter(e, NeighborState.DELAY, now + config.delayFirstProbeTime());
        actions.add(new NeighborAction.Deliver<>(neighbor, e.linkAddress, List.of(packet)));
        return actions;
    }

    /**
     * A Neighbor Solicitation, Router Solicitation, Router Advertisement or Redirect gave the
     * link-layer address of {@code neighbor} (its source, or a redirect's target): RFC 4861
     * sections 7.2.3 and 8.3, Appendix C's first rows. An entry is created STALE; an address
     * that differs replaces the cached one and makes the entry STALE.
     */
    public List<NeighborAction<P>> onLinkLayerAddress(Address neighbor, MacAddress linkAddress, long now) {
        var actions = new ArrayList<NeighborAction<P>>(1);
        var e = entries.get(neighbor);
        if (e == null) {
            e = create(neighbor, NeighborState.STALE, actions);
            e.linkAddress = linkAddress;
            return actions;
        }
        if (e.state == NeighborState.INCOMPLETE) {
            e.linkAddress = linkAddress;
            enter(e, NeighborState.STALE, NO_DEADLINE);
            release(e, actions);
        } else if (!linkAddress.equals(e.linkAddress)) {
            e.linkAddress = linkAddress;
            enter(e, NeighborState.STALE, NO_DEADLINE);
        }
        return actions;
    }

    /**
     * A Neighbor Advertisement for {@code target}, with its target link-layer address option or
     * null (RFC 4861 section 7.2.5). Without an entry nothing changes: advertisements do not
     * create entries.
     */
    public List<NeighborAction<P>> onAdvertisement(Address target, MacAddress linkAddress, NeighborAdvertisement.Flags flags,
                                                   long now) {
        var e = entries.get(target);
        if (e == null) return List.of();
        var actions = new ArrayList<NeighborAction<P>>(1);
        if (e.state == NeighborState.INCOMPLETE) {
            if (linkAddress == null) return actions;
            e.linkAddress = linkAddress;
            e.router = flags.router();
            if (flags.solicited()) enterReachable(e, now);
            else enter(e, NeighborState.STALE, NO_DEADLINE);
            release(e, actions);
            return actions;
        }
        boolean differs = linkAddress != null && !linkAddress.equals(e.linkAddress);
        if (!flags.override() && differs) {
            // Not allowed to replace the address; a REACHABLE entry is no longer sure of it.
            if (e.state == NeighborState.REACHABLE) enter(e, NeighborState.STALE, NO_DEADLINE);
            return actions;
        }
        if (differs) e.linkAddress = linkAddress;
        if (flags.solicited()) enterReachable(e, now);
        else if (differs) enter(e, NeighborState.STALE, NO_DEADLINE);
        // A router that stops being one would leave the Default Router List; this cache keeps none.
        e.router = flags.router();
        return actions;
    }

    /**
     * An upper layer saw forward progress to {@code neighbor} (a TCP acknowledgement of new data,
     * RFC 4861 section 7.3.1). An entry still resolving has no address to confirm.
     */
    public void confirmReachable(Address neighbor, long now) {
        var e = entries.get(neighbor);
        if (e != null && e.state != NeighborState.INCOMPLETE) enterReachable(e, now);
    }

    /** The earliest time {@link #onTimer} has work, or {@link Long#MAX_VALUE}. */
    public long deadline() {
        long earliest = NO_DEADLINE;
        for (var e : entries.values()) earliest = Math.min(earliest, e.deadline);
        return earliest;
    }

    /** Runs every timer due by {@code now}: retransmissions, the end of REACHABLE and DELAY, and failures. */
    public List<NeighborAction<P>> onTimer(long now) {
        var actions = new ArrayList<NeighborAction<P>>();
        var expired = new ArrayList<Entry<P>>();
        for (var e : entries.values()) if (e.deadline <= now) expired.add(e);
        for (var e : expired) {
            switch (e.state) {
                case INCOMPLETE -> {
                    if (e.solicitations < config.maxMulticastSolicit()) {
                        e.solicitations++;
                        e.deadline = now + config.retransTimer();
                        actions.add(new NeighborAction.SendMulticastSolicitation<>(e.address));
                    } else {
                        entries.remove(e.address);
                        actions.add(new NeighborAction.Unreachable<>(e.address, drain(e)));
                    }
                }
                case REACHABLE -> enter(e, NeighborState.STALE, NO_DEADLINE);
                case DELAY -> {
                    enter(e, NeighborState.PROBE, now + config.retransTimer());
                    e.solicitations = 1;
                    actions.add(new NeighborAction.SendUnicastSolicitation<>(e.address, e.linkAddress));
                }
                case PROBE -> {
                    if (e.solicitations < config.maxUnicastSolicit()) {
                        e.solicitations++;
                        e.deadline = now + config.retransTimer();
                        actions.add(new NeighborAction.SendUnicastSolicitation<>(e.address, e.linkAddress));
                    } else {
                        // Appendix C: the entry is discarded; the next packet starts resolution afresh.
                        entries.remove(e.address);
                    }
                }
                case STALE -> e.deadline = NO_DEADLINE;
            }
        }
        return actions;
    }

    private Entry<P> create(Address neighbor, NeighborState state, List<NeighborAction<P>> actions) {
        if (entries.size() >= config.capacity()) evictLeastRecentlyUsed(actions);
        var e = new Entry<P>(neighbor);
        e.state = state;
        e.lastUsed = ++uses;
        entries.put(neighbor, e);
        return e;
    }

    private void evictLeastRecentlyUsed(List<NeighborAction<P>> actions) {
        Entry<P> victim = null;
        for (var e : entries.values()) if (victim == null || e.lastUsed < victim.lastUsed) victim = e;
        entries.remove(victim.address);
        if (!victim.queue.isEmpty()) actions.add(new NeighborAction.Unreachable<>(victim.address, drain(victim)));
    }

    private void enter(Entry<P> e, NeighborState state, long deadline) {
        e.state = state;
        e.deadline = deadline;
        e.solicitations = 0;
    }

    private void enterReachable(Entry<P> e, long now) {
        if (now - reachableTimeDrawn >= REDRAW_INTERVAL) drawReachableTime(now);
        enter(e, NeighborState.REACHABLE, now + reachableTime);
    }

    /** The link address is known now: what waited for it goes. */
    private void release(Entry<P> e, List<NeighborAction<P>> actions) {
        if (!e.queue.isEmpty()) actions.add(new NeighborAction.Deliver<>(e.address, e.linkAddress, drain(e)));
    }

    private static <P> List<P> drain(Entry<P> e) {
        var packets = List.copyOf(e.queue);
        e.queue.clear();
        return packets;
    }
}
