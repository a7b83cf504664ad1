package packos.lib.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import packos.kernel.Packet;

/**
 * Reassembles fragmented packets (RFC 8200 section 4.5). Overlapping fragments discard the whole
 * datagram, late fragments included (RFC 5722). Time is the caller's, in nanoseconds: the
 * reassembler reads no clock, and {@link #expire} must be called from the caller's timer.
 * Memory is bounded: past the limits the oldest datagrams go first.
 */
public final class FragmentReassembler {
    public static final long TIMEOUT_NANOS = 60_000_000_000L;
    public static final int DEFAULT_MAX_DATAGRAMS = 64;
    public static final int DEFAULT_MAX_BYTES = 1 << 20;

    private final int maxDatagrams;
    private final int maxBytes;
    /** In arrival order of each datagram's first fragment to arrive: the oldest is first. */
    private final LinkedHashMap<FragmentKey, PartialDatagram> datagrams = new LinkedHashMap<>();
    private int bytesHeld;
    private long evicted;

    public FragmentReassembler() { this(DEFAULT_MAX_DATAGRAMS, DEFAULT_MAX_BYTES); }

    public FragmentReassembler(int maxDatagrams, int maxBytes) {
        if (maxDatagrams < 1) throw new IllegalArgumentException("max datagrams " + maxDatagrams + " is less than 1");
        if (maxBytes < 1) throw new IllegalArgumentException("max bytes " + maxBytes + " is less than 1");
        this.maxDatagrams = maxDatagrams;
        this.maxBytes = maxBytes;
    }

    /**
     * Takes one fragment: {@code p} is a packet whose header walk found {@code fragment}. The
     * reassembler copies what it keeps, so the caller may free or reuse {@code p} afterwards.
     */
    public Reassembly offer(Packet p, FragmentHeader fragment, long nowNanos) {
        if (fragment.headerOffset() < Ipv6Header.LENGTH || fragment.dataLength() < 0 || fragment.dataEnd() > p.length()) {
            throw new IllegalArgumentException("the fragment header does not describe this " + p.length() + "-byte packet");
        }
        if (fragment.moreFragments() && fragment.dataLength() % 8 != 0) {
            return new Reassembly.ParameterProblem(Icmpv6.ERRONEOUS_HEADER_FIELD, Ipv6Header.PAYLOAD_LENGTH_FIELD,
                    "fragment of " + fragment.dataLength() + " bytes is not a multiple of 8 and more fragments follow");
        }
        int reassembled = fragment.headerOffset() - Ipv6Header.LENGTH + fragment.fragmentOffset() + fragment.dataLength();
        if (reassembled > Ipv6Header.MAX_PAYLOAD_LENGTH) {
            return new Reassembly.ParameterProblem(Icmpv6.ERRONEOUS_HEADER_FIELD, fragment.fragmentOffsetField(),
                    "fragment offset " + fragment.fragmentOffset() + " would make a " + reassembled + "-byte payload, over 65535");
        }
        var key = new FragmentKey(Ipv6Header.over(p).source(), Ipv6Header.over(p).destination(), fragment.identification());
        var datagram = datagrams.get(key);
        if (datagram == null) {
            while (datagrams.size() >= maxDatagrams) evictOldest();
            datagram = new PartialDatagram(key, nowNanos);
            datagrams.put(key, datagram);
        }
        if (datagram.poisoned()) return new Reassembly.Discard("fragment of a datagram already discarded: " + key);
        int before = datagram.bytes();
        var outcome = datagram.add(p, fragment);
        bytesHeld += datagram.bytes() - before;
        switch (outcome) {
            case DUPLICATE -> {
                return new Reassembly.Incomplete();
            }
            case OVERLAP -> {
                bytesHeld -= datagram.poison();
                return new Reassembly.Discard("overlapping fragment at offset " + fragment.fragmentOffset() + ": datagram discarded");
            }
            case INCONSISTENT_END -> {
                bytesHeld -= datagram.poison();
                return new Reassembly.Discard("fragments disagree on where the datagram ends: datagram discarded");
            }
            case ADDED -> { }
        }
        if (datagram.complete()) {
            // Handed over at once, so a completed datagram is never held against the limits.
            drop(datagram);
            if (datagram.reassembledPayloadLength() > Ipv6Header.MAX_PAYLOAD_LENGTH) {
                // Each fragment passed the 65535 check with its own unfragmentable part; the first's is longer.
                return new Reassembly.Discard("reassembled payload of " + datagram.reassembledPayloadLength() + " bytes is over 65535");
            }
            return datagram.reassemble();
        }
        for (PartialDatagram oldest; bytesHeld > maxBytes && (oldest = oldestOtherThan(key)) != null; ) {
            drop(oldest);
            evicted++;
        }
        if (bytesHeld > maxBytes) {
            drop(datagram);
            return new Reassembly.Discard("datagram exceeds the reassembly buffer of " + maxBytes + " bytes");
        }
        return new Reassembly.Incomplete();
    }

    /** Drops the datagrams older than 60 seconds and says which of them to answer with Time Exceeded. */
    public List<TimedOut> expire(long nowNanos) {
        var out = new ArrayList<TimedOut>();
        var it = datagrams.values().iterator();
        while (it.hasNext()) {
            var datagram = it.next();
            if (nowNanos - datagram.started < TIMEOUT_NANOS) continue;
            it.remove();
            bytesHeld -= datagram.bytes();
            if (!datagram.poisoned()) out.add(new TimedOut(datagram.key, datagram.firstFragment()));
        }
        return out;
    }

    /** Datagrams waiting for fragments, including discarded ones remembered to drop their late fragments. */
    public int datagramsHeld() { return datagrams.size(); }

    public int bytesHeld() { return bytesHeld; }

    /** Datagrams dropped to stay within the limits. */
    public long evicted() { return evicted; }

    private void evictOldest() {
        drop(datagrams.firstEntry().getValue());
        evicted++;
    }

    private PartialDatagram oldestOtherThan(FragmentKey key) {
        for (var datagram : datagrams.values()) if (!datagram.key.equals(key)) return datagram;
        return null;
    }

    private void drop(PartialDatagram datagram) {
        datagrams.remove(datagram.key);
        bytesHeld -= datagram.bytes();
    }
}
