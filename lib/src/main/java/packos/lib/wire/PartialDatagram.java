package packos.lib.wire;

import java.util.Arrays;
import java.util.TreeMap;
import packos.kernel.Packet;

/** The fragments of one original packet received so far, with no two overlapping (RFC 5722). */
final class PartialDatagram {
    enum Outcome { ADDED, DUPLICATE, OVERLAP, INCONSISTENT_END }

    final FragmentKey key;
    final long started;
    private final TreeMap<Integer, byte[]> pieces = new TreeMap<>();
    private FragmentHeader first;
    /** The first fragment up to its data: the unfragmentable part and the Fragment header. */
    private byte[] head;
    /** The fragmentable part's length, known once the fragment with M = 0 arrives. */
    private int total = -1;
    private int received;
    private int bytes;
    /** A datagram with overlapping fragments stays, empty, so its late fragments are dropped too. */
    private boolean poisoned;

    PartialDatagram(FragmentKey key, long started) {
        this.key = key;
        this.started = started;
    }

    Outcome add(Packet p, FragmentHeader f) {
        int start = f.fragmentOffset();
        int len = f.dataLength();
        int end = start + len;
        if (!f.moreFragments()) {
            if ((total >= 0 && total != end) || dataEnd() > end) return Outcome.INCONSISTENT_END;
        } else if (total >= 0 && end > total) {
            return Outcome.INCONSISTENT_END;
        }
        if (len > 0) {
            var before = pieces.floorEntry(start);
            if (before != null && before.getKey() + before.getValue().length > start) {
                boolean same = before.getKey() == start && before.getValue().length == len
                        && Arrays.equals(before.getValue(), p.copyBytes(f.dataOffset(), len));
                return same ? Outcome.DUPLICATE : Outcome.OVERLAP;
            }
            var after = pieces.higherEntry(start);
            if (after != null && after.getKey() < end) return Outcome.OVERLAP;
        }
        if (!f.moreFragments()) total = end;
        if (start == 0 && first == null) {
            first = f;
            head = p.copyBytes(0, f.dataOffset());
            bytes += head.length;
        }
        if (len > 0) {
            pieces.put(start, p.copyBytes(f.dataOffset(), len));
            received += len;
            bytes += len;
        }
        return Outcome.ADDED;
    }

    private int dataEnd() {
        var last = pieces.lastEntry();
        return last == null ? 0 : last.getKey() + last.getValue().length;
    }

    /** Drops the fragments but remembers the datagram; returns the bytes freed. */
    int poison() {
        int freed = bytes;
        pieces.clear();
        first = null;
        head = null;
        bytes = 0;
        poisoned = true;
        return freed;
    }

    boolean poisoned() { return poisoned; }

    int bytes() { return bytes; }

    boolean complete() { return first != null && total >= 0 && received == total; }

    /** The reassembled packet's payload length, as the first fragment's unfragmentable part makes it. */
    int reassembledPayloadLength() { return first.headerOffset() - Ipv6Header.LENGTH + total; }

    Reassembly.Complete reassemble() {
        var payload = new byte[total];
        pieces.forEach((start, data) -> System.arraycopy(data, 0, payload, start, data.length));
        return new Reassembly.Complete(key, first.nextHeader(), first.nextHeaderPointer(),
                Arrays.copyOf(head, first.headerOffset()), payload);
    }

    /** The first fragment as it arrived, for a Time Exceeded message to quote; null if it never came. */
    byte[] firstFragment() {
        if (first == null) return null;
        var data = pieces.get(0);
        if (data == null) return head.clone();
        var packet = Arrays.copyOf(head, head.length + data.length);
        System.arraycopy(data, 0, packet, head.length, data.length);
        return packet;
    }
}
