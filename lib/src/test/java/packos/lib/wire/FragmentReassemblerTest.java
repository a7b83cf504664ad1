package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.wire.Vectors.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import packos.kernel.Packet;

class FragmentReassemblerTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int ID = 0x01020304;

    /** A whole UDP packet of 1048 bytes: 40 of IPv6 header, 1008 of fragmentable part. */
    private static byte[] original() {
        var data = new byte[1000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
        var p = Packet.standalone(1100);
        UdpDatagram.emit(p, DOC_1, 5000, DOC_2, 6000, data, 0, data.length, 64);
        return p.toByteArray();
    }

    private static byte[] fragmentable() { return Arrays.copyOfRange(original(), 40, 1048); }

    private static Packet fragment(int start, int end, boolean more, int id) {
        return fragment(Ipv6Header.UDP, Arrays.copyOfRange(fragmentable(), start, end), start, more, id);
    }

    private static Packet fragment(int nextHeader, byte[] data, int start, boolean more, int id) {
        return ipv6(DOC_1, DOC_2, Ipv6Header.FRAGMENT, fragmentHeader(nextHeader, start, more, id), data);
    }

    private static Reassembly offer(FragmentReassembler r, Packet p, long now) {
        var chain = assertInstanceOf(HeaderChain.Fragmented.class, ExtensionHeaders.walk(p));
        return r.offer(p, chain.fragment(), now);
    }

    private static byte[] whole(Reassembly result) {
        var complete = assertInstanceOf(Reassembly.Complete.class, result, result.toString());
        var into = Packet.standalone(70000);
        complete.emit(into);
        assertEquals(complete.packetLength(), into.length());
        return into.toByteArray();
    }

    @Test
    void fragmentsInOrderReassembleToTheOriginalPacket() {
        var r = new FragmentReassembler();
        assertInstanceOf(Reassembly.Incomplete.class, offer(r, fragment(0, 400, true, ID), 0));
        assertInstanceOf(Reassembly.Incomplete.class, offer(r, fragment(400, 800, true, ID), 1));
        var result = offer(r, fragment(800, 1008, false, ID), 2);
        var complete = assertInstanceOf(Reassembly.Complete.class, result);
        assertEquals(new FragmentKey(DOC_1, DOC_2, ID), complete.key());
        assertEquals(Ipv6Header.UDP, complete.nextHeader());
        assertArrayEquals(original(), whole(result));
        assertEquals(0, r.datagramsHeld());
        assertEquals(0, r.bytesHeld());
    }

    @Test
    void fragmentsOutOfOrderReassembleToTheOriginalPacket() {
        var r = new FragmentReassembler();
        assertInstanceOf(Reassembly.Incomplete.class, offer(r, fragment(800, 1008, false, ID), 0));
        assertInstanceOf(Reassembly.Incomplete.class, offer(r, fragment(0, 400, true, ID), 0));
        assertArrayEquals(original(), whole(offer(r, fragment(400, 800, true, ID), 0)));
    }

    @Test
    void theReassembledPacketWalksToAUdpDatagramWithAValidChecksum() throws Exception {
        var r = new FragmentReassembler();
        offer(r, fragment(400, 1008, false, ID), 0);
        var p = Packet.of(whole(offer(r, fragment(0, 400, true, ID), 0)));
        var u = assertInstanceOf(HeaderChain.Upper.class, ExtensionHeaders.walk(p));
        var udp = UdpHeader.check(p, u.offset(), u.length());
        assertTrue(udp.hasValidChecksum(DOC_1, DOC_2));
        assertEquals(6000, udp.destinationPort());
    }

    @Test
    void theUnfragmentablePartComesBackWithoutTheFragmentHeader() throws Exception {
        var hbh = of(Ipv6Header.FRAGMENT, 0, 1, 4, 0, 0, 0, 0);
        var first = ipv6(DOC_1, DOC_2, Ipv6Header.HOP_BY_HOP, hbh, fragmentHeader(Ipv6Header.UDP, 0, true, ID),
                Arrays.copyOfRange(fragmentable(), 0, 512));
        // Only the first fragment's next header counts (RFC 8200 section 4.5).
        var last = fragment(99, Arrays.copyOfRange(fragmentable(), 512, 1008), 512, false, ID);
        var r = new FragmentReassembler();
        offer(r, first, 0);
        var p = Packet.of(whole(offer(r, last, 0)));
        var ip = Ipv6Header.check(p);
        assertEquals(8 + 1008, ip.payloadLength());
        assertEquals(Ipv6Header.HOP_BY_HOP, ip.nextHeader());
        var u = assertInstanceOf(HeaderChain.Upper.class, ExtensionHeaders.walk(p));
        assertEquals(Ipv6Header.UDP, u.protocol());
        assertEquals(48, u.offset());
        assertTrue(UdpHeader.check(p, u.offset(), u.length()).hasValidChecksum(DOC_1, DOC_2));
    }

    @Test
    void datagramsAreKeptApartBySourceDestinationAndIdentification() {
        var r = new FragmentReassembler();
        offer(r, fragment(0, 400, true, ID), 0);
        offer(r, fragment(400, 1008, false, ID + 1), 0);
        var other = fragment(400, 1008, false, ID);
        other.putAddress(8, FE80_1);
        offer(r, other, 0);
        assertEquals(3, r.datagramsHeld());
    }

    @Test
    void overlappingFragmentsDiscardTheWholeDatagramAndItsLateFragments() {
        var r = new FragmentReassembler();
        assertInstanceOf(Reassembly.Incomplete.class, offer(r, fragment(0, 400, true, ID), 0));
        var overlap = offer(r, fragment(392, 800, true, ID), 0);
        assertTrue(assertInstanceOf(Reassembly.Discard.class, overlap).reason().contains("overlapping"));
        assertEquals(0, r.bytesHeld());
        assertInstanceOf(Reassembly.Discard.class, offer(r, fragment(400, 800, true, ID), 0));
        assertInstanceOf(Reassembly.Discard.class, offer(r, fragment(800, 1008, false, ID), 0));
        assertEquals(0, r.bytesHeld());
        assertEquals(0, r.expire(60 * SECOND).size(), "a discarded datagram earns no Time Exceeded");
        assertEquals(0, r.datagramsHeld());
    }

    @Test
    void aFragmentOverlappingTheNextOneDiscardsTheDatagram() {
        var r = new FragmentReassembler();
        offer(r, fragment(400, 800, true, ID), 0);
        assertInstanceOf(Reassembly.Discard.class, offer(r, fragment(0, 408, true, ID), 0));
    }

    @Test
    void anExactDuplicateIsDroppedAndTheDatagramStillCompletes() {
        var r = new FragmentReassembler();
        offer(r, fragment(0, 400, true, ID), 0);
        assertInstanceOf(Reassembly.Incomplete.class, offer(r, fragment(0, 400, true, ID), 0));
        assertArrayEquals(original(), whole(offer(r, fragment(400, 1008, false, ID), 0)));
    }

    @Test
    void aSameRangeWithDifferentBytesCountsAsOverlap() {
        var r = new FragmentReassembler();
        offer(r, fragment(0, 400, true, ID), 0);
        var changed = fragment(0, 400, true, ID);
        changed.putU8(60, changed.u8(60) ^ 0xff);
        assertInstanceOf(Reassembly.Discard.class, offer(r, changed, 0));
    }

    @Test
    void fragmentsThatDisagreeOnTheEndDiscardTheDatagram() {
        var r = new FragmentReassembler();
        offer(r, fragment(800, 1008, false, ID), 0);
        assertInstanceOf(Reassembly.Discard.class, offer(r, fragment(800, 1000, false, ID), 0));
        var s = new FragmentReassembler();
        offer(s, fragment(400, 800, false, ID), 0);
        assertInstanceOf(Reassembly.Discard.class, offer(s, fragment(800, 1008, true, ID), 0));
    }

    @Test
    void aNonLastFragmentNotAMultipleOf8IsAParameterProblemAtThePayloadLength() {
        var r = new FragmentReassembler();
        var pp = assertInstanceOf(Reassembly.ParameterProblem.class, offer(r, fragment(0, 13, true, ID), 0));
        assertEquals(Icmpv6.ERRONEOUS_HEADER_FIELD, pp.code());
        assertEquals(4, pp.pointer());
        assertEquals(0, r.datagramsHeld());
    }

    @Test
    void aLastFragmentOfAnyLengthIsFine() {
        var r = new FragmentReassembler();
        offer(r, fragment(0, 1000, true, ID), 0);
        assertArrayEquals(original(), whole(offer(r, fragment(1000, 1008, false, ID), 0)));
        var s = new FragmentReassembler();
        offer(s, fragment(0, 1000, true, ID), 0);
        var odd = assertInstanceOf(Reassembly.Complete.class, offer(s, fragment(1000, 1007, false, ID), 0));
        assertEquals(1007, odd.payload().length);
    }

    @Test
    void aFragmentReachingPast65535IsAParameterProblemAtTheFragmentOffset() {
        var r = new FragmentReassembler();
        var pp = assertInstanceOf(Reassembly.ParameterProblem.class, offer(r, fragment(Ipv6Header.UDP, new byte[16], 65520, false, ID), 0));
        assertEquals(Icmpv6.ERRONEOUS_HEADER_FIELD, pp.code());
        assertEquals(42, pp.pointer());
        var exactly = fragment(Ipv6Header.UDP, new byte[15], 65520, false, ID);
        assertInstanceOf(Reassembly.Incomplete.class, offer(r, exactly, 0));
    }

    @Test
    void theUnfragmentablePartCountsTowardThe65535Limit() {
        var p = ipv6(DOC_1, DOC_2, Ipv6Header.HOP_BY_HOP, of(Ipv6Header.FRAGMENT, 0, 1, 4, 0, 0, 0, 0),
                fragmentHeader(Ipv6Header.UDP, 65520, false, ID), new byte[8]);
        var pp = assertInstanceOf(Reassembly.ParameterProblem.class, offer(new FragmentReassembler(), p, 0));
        assertEquals(50, pp.pointer());
    }

    @Test
    void expiryAfter60SecondsAnswersOnlyDatagramsWhoseFirstFragmentCame() {
        var r = new FragmentReassembler();
        var first = fragment(0, 400, true, ID);
        offer(r, first, 0);
        offer(r, fragment(800, 1008, false, ID), 10 * SECOND);
        offer(r, fragment(400, 800, true, ID + 1), 5 * SECOND);
        assertEquals(0, r.expire(60 * SECOND - 1).size());
        var timedOut = r.expire(60 * SECOND);
        assertEquals(1, timedOut.size());
        assertTrue(timedOut.getFirst().answerWithTimeExceeded());
        assertEquals(new FragmentKey(DOC_1, DOC_2, ID), timedOut.getFirst().key());
        assertArrayEquals(first.toByteArray(), timedOut.getFirst().firstFragment());
        var later = r.expire(65 * SECOND);
        assertEquals(1, later.size());
        assertFalse(later.getFirst().answerWithTimeExceeded());
        assertEquals(0, r.datagramsHeld());
        assertEquals(0, r.bytesHeld());
    }

    @Test
    void aTimedOutFirstFragmentBecomesATimeExceededMessage() throws Exception {
        var r = new FragmentReassembler();
        offer(r, fragment(0, 400, true, ID), -5 * SECOND);
        var timedOut = r.expire(55 * SECOND).getFirst();
        var offending = Packet.of(timedOut.firstFragment());
        assertTrue(ErrorPolicy.mayAnswerWithError(offending, Icmpv6.TIME_EXCEEDED, Icmpv6.REASSEMBLY_TIME_EXCEEDED));
        var into = Packet.standalone(1500);
        Icmpv6.emitError(into, DOC_2, Icmpv6.TIME_EXCEEDED, Icmpv6.REASSEMBLY_TIME_EXCEEDED, 0, offending, offending.length());
        var m = Icmpv6.check(into, 40, Ipv6Header.check(into).payloadLength());
        assertEquals(Icmpv6.REASSEMBLY_TIME_EXCEEDED, m.code());
        assertEquals(DOC_1, Ipv6Header.check(into).destination());
        assertArrayEquals(offending.toByteArray(), m.invokingPacket());
    }

    @Test
    void pastTheDatagramLimitTheOldestDatagramGoes() {
        var r = new FragmentReassembler(2, 1 << 20);
        offer(r, fragment(0, 400, true, 1), 0);
        offer(r, fragment(0, 400, true, 2), 1);
        offer(r, fragment(0, 400, true, 3), 2);
        assertEquals(2, r.datagramsHeld());
        assertEquals(1, r.evicted());
        assertInstanceOf(Reassembly.Incomplete.class, offer(r, fragment(400, 1008, false, 1), 3), "datagram 1 starts over");
        assertInstanceOf(Reassembly.Complete.class, offer(r, fragment(400, 1008, false, 3), 4));
    }

    @Test
    void pastTheByteLimitTheOldestDatagramsGo() {
        var r = new FragmentReassembler(10, 1000);
        offer(r, fragment(0, 400, true, 1), 0);
        offer(r, fragment(0, 400, true, 2), 0);
        assertEquals(2 * 448, r.bytesHeld());
        offer(r, fragment(0, 400, true, 3), 0);
        assertEquals(2 * 448, r.bytesHeld());
        assertEquals(1, r.evicted());
        assertInstanceOf(Reassembly.Complete.class, offer(r, fragment(400, 1008, false, 2), 0));
    }

    @Test
    void aDatagramBiggerThanTheByteLimitIsDiscarded() {
        var r = new FragmentReassembler(10, 500);
        offer(r, fragment(0, 400, true, ID), 0);
        assertInstanceOf(Reassembly.Discard.class, offer(r, fragment(400, 800, true, ID), 0));
        assertEquals(0, r.bytesHeld());
        assertEquals(0, r.datagramsHeld());
    }
}
