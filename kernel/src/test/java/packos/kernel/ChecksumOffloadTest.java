package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A checksum left pending travels with the page and is filled, exactly, where the bytes are shown or altered. */
class ChecksumOffloadTest {
    private static Packet segment() {
        var p = Packet.standalone(200);
        p.setLength(100);
        for (int i = 40; i < 100; i++) p.putU8(i, i * 7);
        p.putU16(56, 0);
        return p;
    }

    @Test
    void completingAPendingChecksumStoresTheSumOverTheRegionAndTheSeed() {
        var p = segment();
        long seed = 0x1234_5678L;
        p.setChecksumPending(40, 56, seed);
        assertTrue(p.checksumPending());
        p.completeChecksum();
        assertFalse(p.checksumPending());
        // With its checksum in place the region sums, with the seed, to all ones.
        assertEquals(0, InetChecksum.finish(InetChecksum.sum(p.bytes(), 40, 60, seed)));
    }

    @Test
    void completingWithNothingPendingChangesNothing() {
        var p = segment();
        var before = p.toByteArray();
        p.completeChecksum();
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(p.toByteArray()));
    }

    @Test
    void aDuplicateOnTheWireCarriesThePendingChecksum() {
        var p = segment();
        p.setChecksumPending(40, 56, 7);
        var copy = p.copyInto(new Page(200, null));
        assertTrue(copy.checksumPending());
        copy.completeChecksum();
        p.completeChecksum();
        assertEquals(p.u16(56), copy.u16(56));
    }

    @Test
    void aFieldOutsideThePacketIsRefused() {
        var p = segment();
        assertThrows(IndexOutOfBoundsException.class, () -> p.setChecksumPending(40, 99, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> p.setChecksumPending(60, 50, 0));
    }

    @Test
    void aWipedPageHasNothingPending() {
        var page = new Page(200, null);
        var p = new Packet(page);
        p.setLength(100);
        p.setChecksumPending(40, 56, 0);
        page.wipe();
        assertFalse(new Packet(page).checksumPending());
    }
}
