package packos.kernel;

import java.util.HashMap;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The mechanism behind {@link Impairment}: it decides each packet's fate with a random source of
 * its own, holds packets in machine time, and gives them back to the kernel when they come due.
 * Guarded by the kernel lock; it never waits, and it never parses a packet (a flipped bit is the
 * receiver's checksum's business).
 *
 * <p>A packet on the wire belongs to no context: its page counts in the pool, not against any
 * quota, until it is queued for its receiver (then it counts for the receiver, as any delivered
 * packet does) or freed. A packet that comes due to a full receive queue, or to a context that has
 * ended, is freed and counted, as a wire would drop it. Packets already sent by a context that
 * ends still arrive: they had left.
 */
final class LinkConditioner {
    /** What the conditioner needs of the kernel. */
    interface Wire {
        /** Queues {@code p} for {@code to} if it lives and has room; false leaves the packet with the caller. */
        boolean queue(Context to, Packet p);

        /** {@code to} was given a packet outside a send: unblock it. */
        void wake(Context to);

        /** Frees a packet that no one will receive. */
        void discard(Packet p);

        /** A copy of {@code p} in a fresh page, or null when the pool has none to give. */
        Packet copy(Packet p);
    }

    /** One direction between two contexts: its settings and the state of its transmitter. */
    static final class Channel {
        final Context to;
        final Impairment impairment;
        /** Packets waiting in machine time (held back ones aside), bounded by the impairment's limit. */
        int waiting;
        /** When the last packet will have been serialized at the link's rate. */
        long transmitterFreeAt;
        /** The due time of the last packet: jitter never lets the next one overtake it. */
        long lastDue;
        /** The packet held back for reordering, at most one at a time. */
        InFlight heldBack;

        Channel(Context to, Impairment impairment) {
            this.to = to;
            this.impairment = impairment;
        }
    }

    private record Key(Context from, Context to) {}

    /** A packet on the wire; {@code order} keeps packets due at the same instant in sending order. */
    private record InFlight(Channel channel, Packet packet, long due, long order) implements Comparable<InFlight> {
        @Override
        public int compareTo(InFlight o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final LinkRules rules;
    private final Wire wire;
    private final SplittableRandom random;
    private final HashMap<Key, Channel> channels = new HashMap<>();
    private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>();
    private long order;
    /** The earliest due time on the wire, for a check without the lock (see Kan.releaseIfDue). */
    private volatile long nextDue = Long.MAX_VALUE;
    private long lost, duplicated, corrupted, reordered, delayed, overflowed, undeliverable;

    /**
     * The random source is a child of the kernel seed's stream, never the generator processes draw
     * from ({@code Syscalls.random}): turning impairment on changes no process's random numbers.
     */
    LinkConditioner(LinkRules rules, long seed, Wire wire) {
        this.rules = rules;
        this.wire = wire;
        this.random = new SplittableRandom(seed).split();
    }

    /** The channel from {@code from} to {@code to}, or null when that direction is a perfect link. */
    Channel channel(Context from, Context to, boolean systemEnd) {
        var key = new Key(from, to);
        var ch = channels.get(key);
        if (ch == null) {
            ch = new Channel(to, rules.between(from.name, to.name, systemEnd));
            channels.put(key, ch);
        }
        return ch.impairment.isNone() ? null : ch;
    }

    /**
     * Takes a packet the sender has handed over (its receiver already set as owner). True when
     * something was queued for the receiver now, so the kernel wakes it as for any send.
     */
    boolean carry(Channel ch, Packet p, long now) {
        var imp = ch.impairment;
        if (chance(imp.loss())) {
            lost++;
            wire.discard(p);
            return false;
        }
        Packet copy = chance(imp.duplicate()) ? wire.copy(p) : null;
        if (copy != null) duplicated++;
        boolean arrived = pass(ch, p, now);
        if (copy != null) arrived |= pass(ch, copy, now);
        refresh();
        return arrived;
    }

    /** One copy's way down the link: maybe corrupted, then held back, held in time, or delivered at once. */
    private boolean pass(Channel ch, Packet p, long now) {
        var imp = ch.impairment;
        if (chance(imp.corrupt())) {
            // The receiver must be able to see the damage: an offloaded checksum is filled before the flip.
            p.page.completeChecksum(p.length());
            int bit = random.nextInt(p.length() * 8);
            p.bytes()[bit >>> 3] ^= (byte) (1 << (bit & 7));
            corrupted++;
        }
        if (ch.heldBack == null && chance(imp.reorder())) {
            ch.heldBack = new InFlight(ch, p, now + imp.delayNanos() + Impairment.REORDER_WINDOW_NANOS, order++);
            inFlight.add(ch.heldBack);
            reordered++;
            return false;
        }
        if (!imp.holds()) return arrive(ch, p, false);
        if (ch.waiting >= imp.limit()) {
            overflowed++;
            wire.discard(p);
            return false;
        }
        long sent = Math.max(now, ch.transmitterFreeAt) + serializationNanos(p.length(), imp.rateBitsPerSecond());
        ch.transmitterFreeAt = sent;
        long jitter = imp.jitterNanos() == 0 ? 0 : random.nextLong(-imp.jitterNanos(), imp.jitterNanos() + 1);
        long due = Math.max(Math.max(now, ch.lastDue), sent + imp.delayNanos() + jitter);
        ch.lastDue = due;
        inFlight.add(new InFlight(ch, p, due, order++));
        ch.waiting++;
        delayed++;
        return false;
    }

    private static long serializationNanos(int bytes, long bitsPerSecond) {
        return bitsPerSecond == 0 ? 0 : Math.ceilDiv(bytes * 8L * 1_000_000_000L, bitsPerSecond);
    }

    /** Queues a packet for the channel's receiver, then the one held back for it, if any: it was waiting for this one. */
    private boolean arrive(Channel ch, Packet p, boolean wake) {
        boolean queued = wire.queue(ch.to, p);
        if (!queued) {
            undeliverable++;
            wire.discard(p);
        } else if (wake) {
            wire.wake(ch.to);
        }
        var held = ch.heldBack;
        if (held != null) {
            ch.heldBack = null;
            inFlight.remove(held);
            queued |= arrive(ch, held.packet(), wake);
        }
        return queued;
    }

    /** Delivers every packet due by {@code now}, in due order. */
    void releaseDue(long now) {
        for (InFlight f; (f = inFlight.peek()) != null && f.due() <= now; ) {
            inFlight.poll();
            var ch = f.channel();
            if (f == ch.heldBack) {
                ch.heldBack = null; // its window passed with no packet after it
            } else {
                ch.waiting--;
            }
            arrive(ch, f.packet(), true);
        }
        refresh();
    }

    /** Machine time at which the next packet comes due; {@link Long#MAX_VALUE} when the wire is empty. */
    long nextDue() { return nextDue; }

    boolean holding() { return !inFlight.isEmpty(); }

    /** A context ended: packets on their way to it are freed, and its channels forgotten. */
    void forget(Context ctx) {
        channels.keySet().removeIf(k -> k.from() == ctx || k.to() == ctx);
        inFlight.removeIf(f -> {
            if (f.channel().to != ctx) return false;
            undeliverable++;
            wire.discard(f.packet());
            return true;
        });
        refresh();
    }

    LinkStats stats() {
        return new LinkStats(lost, duplicated, corrupted, reordered, delayed, overflowed, undeliverable, inFlight.size());
    }

    private boolean chance(double p) { return p > 0 && random.nextDouble() < p; }

    private void refresh() {
        var first = inFlight.peek();
        nextDue = first == null ? Long.MAX_VALUE : first.due();
    }
}
