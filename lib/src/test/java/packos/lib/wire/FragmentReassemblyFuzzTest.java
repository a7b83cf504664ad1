package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.wire.Vectors.*;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import packos.kernel.Address;
import packos.kernel.Packet;

/**
 * Coverage-guided fuzzing of fragment reassembly, driven as a sequence of fragments. Whatever
 * fragments arrive, in whatever order and overlapping however, the reassembler stays within its
 * limits and throws nothing; and a datagram cut into fragments any way and delivered in any
 * order, with duplicates and another datagram's fragments between them, comes out whole, once,
 * the same as it went in.
 */
class FragmentReassemblyFuzzTest {
    private static final int MAX_DATAGRAMS = 4;
    private static final int MAX_BYTES = 8192;
    private static final Address[] SOURCES = {DOC_1, FE80_1};

    @FuzzTest(maxDuration = "10m")
    void anyFragmentSequenceKeepsTheReassemblerWithinItsLimits(FuzzedDataProvider data) {
        var reassembler = new FragmentReassembler(MAX_DATAGRAMS, MAX_BYTES);
        long now = 0;
        for (int i = 0; i < 64 && data.remainingBytes() > 0; i++) {
            now += data.consumeLong(0, FragmentReassembler.TIMEOUT_NANOS);
            var source = SOURCES[data.consumeInt(0, 1)];
            int id = data.consumeInt(0, 3);
            int offset = data.consumeInt(0, 0x1fff) * 8;
            boolean more = data.consumeBoolean();
            boolean withOptions = data.consumeBoolean();
            var payload = data.consumeBytes(data.consumeInt(0, 600));
            var p = fragment(source, withOptions, Ipv6Header.UDP, offset, more, id, payload);
            switch (ExtensionHeaders.walk(p)) {
                case HeaderChain.Fragmented f -> offer(reassembler, p, f.fragment(), now);
                case HeaderChain.Upper u -> assertNotNull(u.atomicFragment(), "a fragment walked as a whole packet");
                case HeaderChain chain -> fail("a well-formed fragment was refused: " + chain);
            }
            if (data.consumeInt(0, 7) == 0) {
                for (var timedOut : reassembler.expire(now)) {
                    if (timedOut.firstFragment() != null) assertDoesNotThrow(() -> Ipv6Header.check(Packet.of(timedOut.firstFragment())));
                }
            }
            assertTrue(reassembler.bytesHeld() >= 0 && reassembler.bytesHeld() <= MAX_BYTES, "bytes held " + reassembler.bytesHeld());
            assertTrue(reassembler.datagramsHeld() <= MAX_DATAGRAMS, "datagrams held " + reassembler.datagramsHeld());
        }
        reassembler.expire(now + FragmentReassembler.TIMEOUT_NANOS);
        assertEquals(0, reassembler.datagramsHeld());
        assertEquals(0, reassembler.bytesHeld());
    }

    @FuzzTest(maxDuration = "10m")
    void aDatagramCutAnyWayAndSentInAnyOrderComesOutWholeOnce(FuzzedDataProvider data) {
        boolean withOptions = data.consumeBoolean();
        int length = data.consumeInt(1, 3000);
        var original = new byte[length];
        for (int i = 0; i < length; i++) original[i] = (byte) (i * 31 + length);
        // Cut points on 8-byte boundaries, chosen by the fuzzer.
        var cuts = new TreeSet<Integer>(List.of(0, length));
        for (int n = data.consumeInt(0, 12); n > 0; n--) cuts.add(data.consumeInt(1, (length - 1) / 8 + 1) * 8);
        cuts.removeIf(c -> c > length);
        var bounds = new ArrayList<>(cuts);
        var pieces = new ArrayList<Packet>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            int from = bounds.get(i), to = bounds.get(i + 1);
            pieces.add(fragment(DOC_1, withOptions, Ipv6Header.UDP, from, to != length, 7, Arrays.copyOfRange(original, from, to)));
        }
        if (pieces.size() == 1) return; // one piece with M clear is an atomic fragment: a whole packet
        var reassembler = new FragmentReassembler(MAX_DATAGRAMS, 1 << 16);
        var order = new ArrayList<Packet>();
        while (!pieces.isEmpty()) order.add(pieces.remove(data.consumeInt(0, pieces.size() - 1)));
        Reassembly.Complete complete = null;
        for (int i = 0; i < order.size(); i++) {
            boolean last = i == order.size() - 1;
            var p = order.get(i);
            var result = offer(reassembler, p, ((HeaderChain.Fragmented) ExtensionHeaders.walk(p)).fragment(), i);
            if (!last && data.consumeBoolean()) {
                // An exact duplicate is dropped without harm.
                assertInstanceOf(Reassembly.Incomplete.class, offer(reassembler, p, ((HeaderChain.Fragmented) ExtensionHeaders.walk(p)).fragment(), i));
            }
            if (!last && data.consumeBoolean()) {
                var other = fragment(FE80_1, false, Ipv6Header.UDP, data.consumeInt(0, 64) * 8, true, 7, data.consumeBytes(16));
                offer(reassembler, other, ((HeaderChain.Fragmented) ExtensionHeaders.walk(other)).fragment(), i);
            }
            if (last) complete = assertInstanceOf(Reassembly.Complete.class, result, "the last fragment did not complete the datagram");
            else assertInstanceOf(Reassembly.Incomplete.class, result, "fragment " + i + " of " + order.size());
        }
        assertArrayEquals(original, complete.payload());
        var whole = Packet.standalone(complete.packetLength());
        complete.emit(whole);
        var chain = assertInstanceOf(HeaderChain.Upper.class, ExtensionHeaders.walk(whole));
        assertEquals(Ipv6Header.UDP, chain.protocol());
        assertEquals(length, chain.length());
    }

    private static Reassembly offer(FragmentReassembler reassembler, Packet p, FragmentHeader f, long now) {
        var result = reassembler.offer(p, f, now);
        switch (result) {
            case Reassembly.Complete c -> {
                var whole = Packet.standalone(c.packetLength());
                c.emit(whole);
                var ip = assertDoesNotThrow(() -> Ipv6Header.check(whole));
                assertEquals(c.packetLength() - Ipv6Header.LENGTH, ip.payloadLength());
                assertFalse(ExtensionHeaders.walk(whole) instanceof HeaderChain.Fragmented, "a reassembled packet is a fragment again");
            }
            case Reassembly.ParameterProblem pp -> assertTrue(pp.pointer() >= 0 && pp.pointer() < p.length(), pp.toString());
            case Reassembly.Discard d -> assertNotNull(d.reason());
            case Reassembly.Incomplete i -> { }
        }
        return result;
    }

    /** An IPv6 fragment, with a destination options header (PadN) before the Fragment header if asked. */
    private static Packet fragment(Address source, boolean withOptions, int nextHeader, int offset, boolean more, int id, byte[] data) {
        var fragmentHeader = fragmentHeader(nextHeader, offset, more, id);
        if (!withOptions) return ipv6(source, DOC_2, Ipv6Header.FRAGMENT, fragmentHeader, data);
        return ipv6(source, DOC_2, Ipv6Header.DESTINATION_OPTIONS, of(Ipv6Header.FRAGMENT, 0, 1, 4, 0, 0, 0, 0), fragmentHeader, data);
    }
}
