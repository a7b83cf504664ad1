package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import packos.kernel.Packet;

/**
 * Coverage-guided fuzzing of TCP option lists. Any option bytes parse into options or into
 * "none, and why"; options written by the writers parse back to what was written, whatever
 * follows them in the option space.
 */
class TcpOptionsFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void anyOptionBytesParseOrAreRefusedWithTheOptionNamed(byte[] bytes) {
        int length = Math.min(bytes.length, TcpOptions.MAX_LENGTH);
        var p = Packet.of(bytes);
        var o = new TcpOptions();
        if (o.parse(p, 0, length)) {
            assertNull(o.problem());
            assertTrue(o.mss() >= -1 && o.mss() <= 0xffff);
            assertTrue(o.windowScale() >= -1 && o.windowScale() <= TcpOptions.MAX_WINDOW_SCALE);
            assertTrue(o.sackBlocks() >= 0 && o.sackBlocks() <= TcpOptions.MAX_SACK_BLOCKS);
            for (int b = 0; b < o.sackBlocks(); b++) {
                assertTrue(o.sackLeft(b) >= 0 && o.sackRight(b) <= 0xffff_ffffL);
            }
            assertTrue(o.tsVal() >= 0 && o.tsVal() <= 0xffffffffL && o.tsEcr() >= 0 && o.tsEcr() <= 0xffffffffL);
            // What was accepted survives being written as a SYN's options and read again.
            var again = Packet.standalone(TcpOptions.MAX_LENGTH);
            again.setLength(TcpOptions.MAX_LENGTH);
            int n = TcpOptions.writeSyn(again, 0, Math.max(o.mss(), 0), o.sackPermitted(), o.hasTimestamps(), o.tsVal(), o.tsEcr(), o.windowScale());
            var back = new TcpOptions();
            assertTrue(back.parse(again, 0, n), back.problem());
            assertEquals(Math.max(o.mss(), 0), back.mss());
            assertEquals(o.windowScale(), back.windowScale());
            assertEquals(o.sackPermitted(), back.sackPermitted());
            assertEquals(o.hasTimestamps(), back.hasTimestamps());
            assertEquals(o.tsVal(), back.tsVal());
            assertEquals(o.tsEcr(), back.tsEcr());
        } else {
            assertTrue(o.problem().startsWith("TCP "), o.problem());
            assertEquals(-1, o.mss());
            assertEquals(-1, o.windowScale());
            assertFalse(o.sackPermitted() || o.hasTimestamps());
            assertEquals(0, o.sackBlocks());
        }
    }

    @FuzzTest(maxDuration = "5m")
    void writtenOptionsParseBackToWhatWasWritten(FuzzedDataProvider data) {
        var p = Packet.standalone(TcpOptions.MAX_LENGTH);
        int mss = data.consumeInt(0, 0xffff);
        boolean sack = data.consumeBoolean(), timestamps = data.consumeBoolean();
        long tsVal = data.consumeLong(0, 0xffff_ffffL), tsEcr = data.consumeLong(0, 0xffff_ffffL);
        int windowScale = data.consumeInt(-1, TcpOptions.MAX_WINDOW_SCALE);
        int n = TcpOptions.writeSyn(p, 0, mss, sack, timestamps, tsVal, tsEcr, windowScale);
        assertEquals(TcpOptions.synLength(sack, timestamps, windowScale >= 0), n);
        assertEquals(0, n % 4);
        var o = new TcpOptions();
        assertTrue(o.parse(p, 0, n), o.problem());
        assertEquals(mss, o.mss());
        assertEquals(sack, o.sackPermitted());
        assertEquals(timestamps, o.hasTimestamps());
        if (timestamps) {
            assertEquals(tsVal, o.tsVal());
            assertEquals(tsEcr, o.tsEcr());
        }
        assertEquals(windowScale, o.windowScale());

        // A data segment's options: timestamps, then SACK blocks in the room left.
        int at = 0;
        if (timestamps) at += TcpOptions.writeTimestamps(p, 0, tsVal, tsEcr);
        int blocks = data.consumeInt(0, (TcpOptions.MAX_LENGTH - at - 4) / 8);
        long[] left = new long[blocks], right = new long[blocks];
        if (blocks > 0) {
            at += TcpOptions.writeSackHeader(p, at, blocks);
            for (int b = 0; b < blocks; b++) {
                left[b] = data.consumeLong(0, 0xffff_ffffL);
                right[b] = data.consumeLong(0, 0xffff_ffffL);
                p.putI32(at, (int) left[b]);
                p.putI32(at + 4, (int) right[b]);
                at += 8;
            }
        }
        assertEquals((timestamps ? TcpOptions.TIMESTAMPS_LENGTH : 0) + TcpOptions.sackLength(blocks), at);
        assertTrue(o.parse(p, 0, at), o.problem());
        assertEquals(timestamps, o.hasTimestamps());
        assertEquals(blocks, o.sackBlocks());
        for (int b = 0; b < blocks; b++) {
            assertEquals(left[b], o.sackLeft(b));
            assertEquals(right[b], o.sackRight(b));
        }
    }
}
