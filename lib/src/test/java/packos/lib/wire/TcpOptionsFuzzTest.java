package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import packos.kernel.Packet;

/**
 * The TCP option decoder under byte strings chosen by a fuzzer (plain {@code mvn test} replays
 * the stored inputs under TcpOptionsFuzzTestInputs; JAZZER_FUZZ=1 searches for more): it never
 * throws, a refusal names its problem and leaves no option behind, and what it accepts lies in
 * range and survives being written as a SYN and read again.
 */
class TcpOptionsFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void any_option_bytes_parse_into_fields_in_range_or_fail_with_a_named_problem(FuzzedDataProvider data) {
        byte[] bytes = data.consumeRemainingAsBytes();
        var o = new TcpOptions();
        var p = Packet.of(bytes);
        boolean ok = o.parse(p, 0, bytes.length);
        if (!ok) {
            assertNotNull(o.problem());
            assertTrue(o.problem().startsWith("TCP "), o.problem());
            assertEquals(-1, o.mss());
            assertEquals(-1, o.windowScale());
            assertFalse(o.sackPermitted() || o.hasTimestamps() || o.sackBlocks() > 0);
            return;
        }
        assertNull(o.problem());
        assertTrue(o.mss() >= -1 && o.mss() <= 0xffff);
        assertTrue(o.windowScale() >= -1 && o.windowScale() <= TcpOptions.MAX_WINDOW_SCALE);
        assertTrue(o.sackBlocks() >= 0 && o.sackBlocks() <= TcpOptions.MAX_SACK_BLOCKS);
        assertTrue(o.tsVal() >= 0 && o.tsVal() <= 0xffffffffL && o.tsEcr() >= 0 && o.tsEcr() <= 0xffffffffL);

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
    }
}
