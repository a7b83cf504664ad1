package packos.system.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The $PIR search: a table is found only with its signature, version, a size in whole entries, and a zero checksum. */
class PirTableTest {
    /** A table at {@code at} in a 64 KiB area: router 00:01.0 (8086:7000), one slot, device 3, INTA# on link 0x62. */
    private static byte[] area(int at) {
        byte[] a = new byte[PirTable.AREA_SIZE];
        byte[] t = new byte[48];
        t[0] = '$';
        t[1] = 'P';
        t[2] = 'I';
        t[3] = 'R';
        t[5] = 0x01;
        t[6] = 48;
        t[9] = 1 << 3;
        t[12] = (byte) 0x86;
        t[13] = (byte) 0x80;
        t[15] = 0x70;
        t[33] = 3 << 3;
        t[34] = 0x62;
        int sum = 0;
        for (byte b : t) sum += b;
        t[31] = (byte) -sum;
        System.arraycopy(t, 0, a, at, t.length);
        return a;
    }

    @Test
    void aGoodTableIsFoundOnA16ByteBoundaryWithItsRouterAndLinks() {
        var t = PirTable.find(area(0xD3A0)).orElseThrow();
        assertEquals(0xFD3A0, t.address());
        assertEquals(0, t.routerBus());
        assertEquals(1, t.routerDevice());
        assertEquals(0, t.routerFunction());
        assertEquals(0x8086, t.compatibleVendor());
        assertEquals(0x7000, t.compatibleDevice());
        assertEquals(0x62, t.slot(0, 3).orElseThrow().link(1));
        assertTrue(t.slot(0, 4).isEmpty());
    }

    @Test
    void aTableOffA16ByteBoundaryIsNotFound() {
        assertTrue(PirTable.find(area(0xD3A8)).isEmpty());
    }

    @Test
    void aBadChecksumVersionOrSizeHidesTheTable() {
        var badSum = area(0x100);
        badSum[0x100 + 40]++;
        assertTrue(PirTable.find(badSum).isEmpty(), "checksum");
        var badVersion = area(0x100);
        badVersion[0x100 + 4] = 1;
        badVersion[0x100 + 31]--;
        assertTrue(PirTable.find(badVersion).isEmpty(), "version");
        var badSize = area(0x100);
        badSize[0x100 + 6] = 40;
        badSize[0x100 + 31] += 8;
        assertTrue(PirTable.find(badSize).isEmpty(), "size not in whole 16-byte entries");
        var headerOnly = area(0x100);
        headerOnly[0x100 + 6] = 32;
        headerOnly[0x100 + 31] += 16;
        assertTrue(PirTable.find(headerOnly).isEmpty(), "no entries");
    }
}
