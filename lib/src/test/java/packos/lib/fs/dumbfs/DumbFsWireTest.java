package packos.lib.fs.dumbfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static packos.lib.fs.dumbfs.DumbFs.*;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import packos.lib.wire.MalformedPacketException;

/** The DumbFS messages: the original's layout in network byte order, and every malformed one named by its field. */
class DumbFsWireTest {
    @Test
    void requestsCarryTheOriginalLayoutInNetworkByteOrder() throws Exception {
        var open = DumbFsRequest.open(0x1234, "foo.txt", FLAG_READ | FLAG_WRITE);
        assertEquals(REQUEST_LENGTH, open.length);
        assertArrayEquals(new byte[] {0, 1, 0x12, 0x34, 'f', 'o'}, Arrays.copyOf(open, 6));
        assertArrayEquals(new byte[] {0, 0, 0, 3}, Arrays.copyOfRange(open, 516, 520), "flags after the 512-byte path");
        var r = DumbFsRequest.check(open, open.length);
        assertEquals("foo.txt", r.path());
        assertEquals(3, r.flags());
        var write = DumbFsRequest.check(DumbFsRequest.write(7, 0x01020304L, 0xfffffff0L, new byte[] {9, 8}, 0, 2), REQUEST_LENGTH);
        assertEquals(0x01020304L, write.fileId());
        assertEquals(0xfffffff0L, write.position());
        assertEquals(2, write.count());
        var rename = DumbFsRequest.check(DumbFsRequest.rename(8, "a", "b/c"), REQUEST_LENGTH);
        assertEquals("a", rename.path());
        assertEquals("b/c", rename.to());
    }

    @Test
    void repliesCarryTheOriginalLayout() throws Exception {
        var read = DumbFsReply.read(5, new byte[] {1, 2, 3}, 0, 3);
        assertEquals(REPLY_LENGTH, read.length);
        var r = DumbFsReply.check(read, read.length);
        assertEquals(3, r.actual());
        assertEquals(1, read[12]);
        var stat = DumbFsReply.check(DumbFsReply.stat(6, false, 1L << 40), REPLY_LENGTH);
        assertEquals(1L << 40, stat.size());
        assertEquals(101, DumbFsReply.check(DumbFsReply.failure(OPEN, 1, 101), REPLY_LENGTH).error());
    }

    @Test
    void malformedRequestsAreRefusedNamingTheField() {
        refused("DumbFS request: 1039 bytes (expected 1040)", Arrays.copyOf(DumbFsRequest.close(1, 1), 1039));
        var noNul = DumbFsRequest.delete(1, "x");
        Arrays.fill(noNul, 4, 516, (byte) 'x');
        refused("DumbFS path field: no NUL in its 512 bytes", noNul);
        var badUtf8 = DumbFsRequest.delete(1, "x");
        badUtf8[4] = (byte) 0xff;
        refused("DumbFS path field: not UTF-8", badUtf8);
        var toNoNul = DumbFsRequest.rename(1, "a", "b");
        Arrays.fill(toNoNul, 516, 1028, (byte) 'y');
        refused("DumbFS to field: no NUL in its 512 bytes", toNoNul);
        var flags = DumbFsRequest.open(1, "a", FLAG_READ);
        flags[519] = (byte) 0x80;
        refused("DumbFS Open flags field: unknown bits 0x80", flags);
        refused("DumbFS Open flags field: neither Read nor Write", DumbFsRequest.open(1, "a", FLAG_CREATE));
        var count = DumbFsRequest.read(1, 1, 0, 1024);
        count[14] = 8;
        refused("DumbFS Read count field: 2048 (at most 1024)", count);
        var cmd = DumbFsRequest.close(1, 1);
        cmd[1] = 0;
        refused("DumbFS cmd field: 0 is no command", cmd);
    }

    @Test
    void aPathLongerThanTheFieldCannotBeEncoded() {
        assertThrows(IllegalArgumentException.class, () -> DumbFsRequest.open(1, "a".repeat(512), FLAG_READ));
        DumbFsRequest.open(1, "a".repeat(511), FLAG_READ);
    }

    private static void refused(String message, byte[] bytes) {
        var e = assertThrows(MalformedPacketException.class, () -> DumbFsRequest.check(bytes, bytes.length));
        assertEquals(message, e.getMessage());
    }
}
