package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import packos.kernel.Packet;

class TcpOptionsTest {
    private static Packet options(String hex) { return Packet.of(HexFormat.of().parseHex(hex)); }

    private static TcpOptions parsed(String hex) {
        var o = new TcpOptions();
        var p = options(hex);
        assertTrue(o.parse(p, 0, p.length()), o.problem());
        return o;
    }

    private static String problem(String hex) {
        var o = new TcpOptions();
        var p = options(hex);
        assertFalse(o.parse(p, 0, p.length()));
        assertEquals(-1, o.mss(), "a malformed list yields no options");
        assertFalse(o.hasTimestamps());
        return o.problem();
    }

    private static String written(int capacity, java.util.function.ToIntFunction<Packet> writer) {
        var p = Packet.standalone(capacity);
        p.setLength(capacity);
        int n = writer.applyAsInt(p);
        return HexFormat.of().formatHex(p.copyBytes(0, n));
    }

    @Test
    void aLinuxSynParsesIntoEveryField() {
        var o = parsed("020405b40402080a0012d6870000000001030307");
        assertEquals(1460, o.mss());
        assertTrue(o.sackPermitted());
        assertTrue(o.hasTimestamps());
        assertEquals(0x12d687, o.tsVal());
        assertEquals(0, o.tsEcr());
        assertEquals(7, o.windowScale());
    }

    @Test
    void sackBlocksParseInOrder() {
        var o = parsed("0101080a00000001000000020101051200000064000000c8000001f400000258");
        assertEquals(2, o.sackBlocks());
        assertEquals(100, o.sackLeft(0));
        assertEquals(200, o.sackRight(0));
        assertEquals(500, o.sackLeft(1));
        assertEquals(600, o.sackRight(1));
    }

    @Test
    void anUnknownOptionIsSkippedByItsLength() {
        var o = parsed("fe06aabbccdd020405dc");
        assertEquals(1500, o.mss());
    }

    @Test
    void endOfListStopsParsing() {
        var o = parsed("00020405dc");
        assertEquals(-1, o.mss());
    }

    @Test
    void windowScaleAbove14IsUsedAs14() {
        assertEquals(14, parsed("01030309" .replace("09", "0f")).windowScale());
    }

    @Test
    void malformedLengthsAreRefusedNamingTheField() {
        assertTrue(problem("020505dc00").contains("MSS option length field 5"));
        assertTrue(problem("0201").contains("length field 1 is below 2"));
        assertTrue(problem("fe0aaabb").contains("runs past"));
        assertTrue(problem("0101010105").contains("no length field"));
        assertTrue(problem("050b0000000000000000000000").contains("SACK option length field 11"));
        assertTrue(problem("080800000000000000").contains("timestamps option length field 8"));
        assertTrue(problem("030400000000").contains("window scale option length field 4"));
        assertTrue(problem("04030000").contains("SACK-permitted option length field 3"));
    }

    @Test
    void checkThrowsWithTheProblem() throws Exception {
        var p = Packet.standalone(64);
        p.setLength(24);
        var h = TcpHeader.emit(p, 0, 24, 1, 2, 0, 0, 24, TcpHeader.SYN, 0);
        p.put(20, HexFormat.of().parseHex("02050000"));
        var e = assertThrows(MalformedPacketException.class, () -> TcpOptions.check(h));
        assertTrue(e.getMessage().contains("MSS"));
    }

    @Test
    void synOptionsAreWrittenInLinuxOrder() {
        assertEquals("020405a00402080a0000000100000000" + "01030307",
                written(40, p -> TcpOptions.writeSyn(p, 0, 1440, true, true, 1, 0, 7)));
    }

    @Test
    void synOptionsWithoutTimestampsPadSackPermittedWithNops() {
        assertEquals("020405a0" + "01010402" + "01030302", written(40, p -> TcpOptions.writeSyn(p, 0, 1440, true, false, 0, 0, 2)));
        assertEquals("020405a0" + "0101080a0000000500000006", written(40, p -> TcpOptions.writeSyn(p, 0, 1440, false, true, 5, 6, -1)));
        assertEquals("020405a0", written(40, p -> TcpOptions.writeSyn(p, 0, 1440, false, false, 0, 0, -1)));
        assertEquals(20, TcpOptions.synLength(true, true, true));
        assertEquals(12, TcpOptions.synLength(true, false, true));
        assertEquals(4, TcpOptions.synLength(false, false, false));
    }

    @Test
    void dataTimestampsAreNopNopTs() {
        assertEquals("0101080affffffff00000002", written(12, p -> TcpOptions.writeTimestamps(p, 0, 0xffffffffL, 2)));
    }

    @Test
    void writtenOptionsParseBack() {
        var p = Packet.standalone(40);
        p.setLength(40);
        int n = TcpOptions.writeSyn(p, 0, 9000, true, true, 77, 88, 14);
        var o = new TcpOptions();
        assertTrue(o.parse(p, 0, n));
        assertEquals(9000, o.mss());
        assertEquals(14, o.windowScale());
        assertEquals(77, o.tsVal());
        assertEquals(88, o.tsEcr());
        assertTrue(o.sackPermitted());
    }
}
