package packos.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GuestMemoryTest {
    private static final long BASE = GuestMemory.BASE;

    @Test
    void allocationsAreAlignedAndDoNotOverlap() {
        var ram = new GuestMemory(64 * 1024);
        long a = ram.allocate(100, 16), b = ram.allocate(8208, 16), c = ram.allocate(1536, 4096);
        assertEquals(BASE, a);
        assertEquals(0, b % 16);
        assertTrue(b >= a + 100);
        assertEquals(0, c % 4096);
        assertTrue(c >= b + 8208);
    }

    @Test
    void whatADriverGivesBackTheNextOneGetsAtTheSameAddressesZeroed() {
        var ram = new GuestMemory(64 * 1024);
        long ring = ram.allocate(8208, 16), tx = ram.allocate(1536, 16);
        ram.write(ring, new byte[] {1, 2, 3}, 0, 3);
        ram.write(tx + 1535, new byte[] {9}, 0, 1);
        ram.free(ring, 8208);
        ram.free(tx, 1536);
        assertEquals(ring, ram.allocate(8208, 16));
        assertEquals(tx, ram.allocate(1536, 16));
        assertArrayEquals(new byte[3], ram.read(ring, 3));
        assertArrayEquals(new byte[1], ram.read(tx + 1535, 1));
    }

    @Test
    void aThousandLivesOfADriverFitInRamThatHoldsAFewOfThem() {
        // 16 KiB of RAM holds one life's rings; without free the second life would find none left.
        var ram = new GuestMemory(16 * 1024);
        for (int life = 0; life < 1000; life++) {
            long ring = ram.allocate(8208, 16);
            long[] buffers = new long[4];
            for (int d = 0; d < 4; d++) buffers[d] = ram.allocate(1536, 16);
            ram.free(ring, 8208);
            for (long b : buffers) ram.free(b, 1536);
        }
        assertEquals(BASE, ram.allocate(16 * 1024, 16), "every run coalesced back into one");
    }

    @Test
    void freeRunsCoalesceWithBothNeighbours() {
        var ram = new GuestMemory(3 * 4096);
        long a = ram.allocate(4096, 4096), b = ram.allocate(4096, 4096), c = ram.allocate(4096, 4096);
        ram.free(a, 4096);
        ram.free(c, 4096);
        assertThrows(IllegalStateException.class, () -> ram.allocate(8192, 16), "two runs apart are not one");
        ram.free(b, 4096);
        assertEquals(a, ram.allocate(3 * 4096, 4096));
    }

    @Test
    void exhaustionAndBadFreesAreRefusedWithWhatWasWrong() {
        var ram = new GuestMemory(4096);
        long a = ram.allocate(4000, 16);
        var full = assertThrows(IllegalStateException.class, () -> ram.allocate(200, 16));
        assertEquals("out of guest memory: 200 bytes wanted, the largest free run is 96", full.getMessage());
        ram.free(a, 4000);
        var twice = assertThrows(IllegalArgumentException.class, () -> ram.free(a, 4000));
        assertTrue(twice.getMessage().endsWith("part of it is free already"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ram.free(BASE + 4096, 16));
    }
}
