package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import packos.kernel.Address;
import packos.kernel.Packet;

class TcpHeaderTest {
    private static final Address A = Address.parse("2001:db8::1");
    private static final Address B = Address.parse("2001:db8::2");

    @Test
    void emittedFieldsReadBack() {
        var p = Packet.standalone(100);
        p.setLength(40 + 28);
        var h = TcpHeader.emit(p, 40, 28, 1234, 80, 0xfffffffeL, 7, 20, TcpHeader.ACK | TcpHeader.PSH, 513);
        assertEquals(1234, h.sourcePort());
        assertEquals(80, h.destinationPort());
        assertEquals(0xfffffffeL, h.sequence());
        assertEquals(7, h.acknowledgement());
        assertEquals(20, h.headerLength());
        assertTrue(h.has(TcpHeader.ACK) && h.has(TcpHeader.PSH) && !h.has(TcpHeader.SYN));
        assertEquals(513, h.window());
        assertEquals(8, h.payloadLength());
        assertEquals(8, h.sequenceLength());
    }

    @Test
    void checksumFilledOverThePseudoHeaderVerifiesAndCatchesAFlippedBit() {
        var p = Packet.standalone(100);
        p.setLength(40 + 25);
        var h = TcpHeader.emit(p, 40, 25, 1, 2, 3, 4, 20, TcpHeader.ACK, 5);
        p.put(60, new byte[]{1, 2, 3, 4, 5});
        h.fillChecksum(A, B);
        assertTrue(h.hasValidChecksum(A, B));
        assertFalse(h.hasValidChecksum(B, A == B ? A : Address.parse("2001:db8::3")));
        p.putU8(62, p.u8(62) ^ 0x10);
        assertFalse(h.hasValidChecksum(A, B));
    }

    @Test
    void checkRefusesADataOffsetOutsideTheSegmentNamingIt() {
        var p = Packet.standalone(100);
        p.setLength(40 + 20);
        TcpHeader.emit(p, 40, 20, 1, 2, 3, 4, 20, 0, 0);
        p.putU8(52, 0xf0); // 60-byte header in a 20-byte segment
        var e = assertThrows(MalformedPacketException.class, () -> TcpHeader.check(p, 40, 20));
        assertTrue(e.getMessage().contains("data offset 60"));
        p.putU8(52, 0x40);
        e = assertThrows(MalformedPacketException.class, () -> TcpHeader.check(p, 40, 20));
        assertTrue(e.getMessage().contains("data offset 16"));
        assertThrows(MalformedPacketException.class, () -> TcpHeader.check(p, 40, 12));
    }

    @Test
    void settersRefuseValuesThatDoNotFit() {
        var p = Packet.standalone(100);
        p.setLength(60);
        var h = TcpHeader.over(p, 40, 20);
        assertThrows(IllegalArgumentException.class, () -> h.setHeaderLength(22));
        assertThrows(IllegalArgumentException.class, () -> h.setWindow(65536));
        assertThrows(IllegalArgumentException.class, () -> h.setSequence(1L << 32));
    }
}
