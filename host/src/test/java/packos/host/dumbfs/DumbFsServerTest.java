package packos.host.dumbfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static packos.lib.fs.dumbfs.DumbFs.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packos.host.files.ConfinedDirectory;
import packos.kernel.ErrorCode;
import packos.lib.fs.dumbfs.DumbFsReply;
import packos.lib.fs.dumbfs.DumbFsRequest;

/** The DumbFS server's answers: the original's operations, retransmissions done once, escapes and malformed requests refused. */
class DumbFsServerTest {
    private static final DumbFsServer.Client A = new DumbFsServer.Client("fd00:7e8e::3", 5000);
    private static final DumbFsServer.Client B = new DumbFsServer.Client("fd00:7e8e::4", 5000);

    @TempDir
    Path dir;
    private DumbFsServer server;

    @BeforeEach
    void serve() throws Exception {
        Files.createDirectory(dir.resolve("served"));
        Files.writeString(dir.resolve("served/foo.txt"), "foo bar baz\n");
        Files.writeString(dir.resolve("secret.txt"), "outside");
        server = new DumbFsServer(ConfinedDirectory.open(dir.resolve("served")));
    }

    private DumbFsReply ask(DumbFsServer.Client c, byte[] request) throws Exception {
        var reply = server.answer(c, request, request.length);
        return DumbFsReply.check(reply, reply.length);
    }

    private long open(String path, int flags) throws Exception {
        var r = ask(A, DumbFsRequest.open(1, path, flags));
        assertEquals(0, r.error(), "open " + path);
        return r.fileId();
    }

    @Test
    void readsInChunksUntilEndOfFile() throws Exception {
        long id = open("foo.txt", FLAG_READ);
        var r = ask(A, DumbFsRequest.read(2, id, 0, 4));
        assertEquals("foo ", new String(Arrays.copyOfRange(r.bytes(), r.dataOffset(), r.dataOffset() + (int) r.actual()), StandardCharsets.UTF_8));
        assertEquals(8, ask(A, DumbFsRequest.read(3, id, 4, 512)).actual());
        assertEquals(ErrorCode.END_OF_FILE.number(), ask(A, DumbFsRequest.read(4, id, 12, 512)).error());
    }

    @Test
    void aRetransmittedAppendIsAppliedOnce() throws Exception {
        long id = open("log", FLAG_WRITE | FLAG_APPEND | FLAG_CREATE);
        var write = DumbFsRequest.write(9, id, 0, "line\n".getBytes(StandardCharsets.UTF_8), 0, 5);
        assertEquals(5, ask(A, write).actual());
        assertEquals(5, ask(A, write).actual(), "the retransmission gets the same answer");
        assertEquals("line\n", Files.readString(dir.resolve("served/log")));
    }

    @Test
    void aRetransmittedRenameIsAnsweredAsTheFirstWasAndDoneOnce() throws Exception {
        var rename = DumbFsRequest.rename(20, "foo.txt", "bar.txt");
        assertEquals(0, ask(A, rename).error());
        Files.writeString(dir.resolve("served/foo.txt"), "new foo");
        assertEquals(0, ask(A, rename).error(), "answered from the cache, not done again");
        assertEquals("new foo", Files.readString(dir.resolve("served/foo.txt")));
        assertEquals("foo bar baz\n", Files.readString(dir.resolve("served/bar.txt")));
        // The same requestId from another client is another request.
        assertEquals(ErrorCode.DOES_NOT_EXIST.number(), ask(B, DumbFsRequest.rename(20, "nothing", "x")).error());
    }

    @Test
    void aRetransmittedOpenGivesTheSameFileNotASecond() throws Exception {
        var request = DumbFsRequest.open(30, "foo.txt", FLAG_READ);
        assertEquals(ask(A, request).fileId(), ask(A, request).fileId());
        assertEquals(ErrorCode.RESOURCE_NOT_IN_USE.number(), ask(A, DumbFsRequest.read(31, 2, 0, 1)).error(), "no second file was opened");
    }

    @Test
    void nothingOutsideTheDirectoryIsReached() throws Exception {
        Files.createSymbolicLink(dir.resolve("served/link"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(dir.resolve("served/up"), dir);
        for (var path : new String[] {"../secret.txt", "/etc/passwd", "sub/../../secret.txt", "a\\b"}) {
            assertEquals(ErrorCode.INVALID_ARGUMENT.number(), ask(A, DumbFsRequest.open(40, path, FLAG_READ)).error(), path);
        }
        assertEquals(ErrorCode.ACCESS_DENIED.number(), ask(A, DumbFsRequest.open(41, "link", FLAG_READ)).error());
        assertEquals(ErrorCode.ACCESS_DENIED.number(), ask(A, DumbFsRequest.open(42, "up/secret.txt", FLAG_READ)).error());
        assertEquals(ErrorCode.ACCESS_DENIED.number(), ask(A, DumbFsRequest.open(43, "link", FLAG_WRITE | FLAG_TRUNCATE)).error());
        assertEquals(ErrorCode.ACCESS_DENIED.number(), ask(A, DumbFsRequest.delete(44, "up/secret.txt")).error());
        assertEquals("outside", Files.readString(dir.resolve("secret.txt")));
    }

    @Test
    void openFilesPerClientAreBounded() throws Exception {
        for (int i = 0; i < DumbFsServer.MAX_OPEN_PER_CLIENT; i++) assertEquals(0, ask(A, DumbFsRequest.open(100 + i, "foo.txt", FLAG_READ)).error());
        assertEquals(ErrorCode.TOO_MANY_OPEN_FILES.number(), ask(A, DumbFsRequest.open(999, "foo.txt", FLAG_READ)).error());
        assertEquals(0, ask(B, DumbFsRequest.open(999, "foo.txt", FLAG_READ)).error(), "another client is served");
    }

    @Test
    void malformedRequestsAreAnsweredWithAnErrorAndTheServerGoesOn() throws Exception {
        var good = DumbFsRequest.open(50, "foo.txt", FLAG_READ);
        // Truncated, oversized, a path with no NUL, an unknown command, a count beyond 1024, no header at all.
        assertEquals(ErrorCode.PROTOCOL_ERROR.number(), replyTo(Arrays.copyOf(good, 100)).error());
        assertEquals(ErrorCode.PROTOCOL_ERROR.number(), replyTo(Arrays.copyOf(good, 1500)).error());
        var noNul = good.clone();
        Arrays.fill(noNul, 4, 4 + PATH_FIELD, (byte) 'a');
        assertEquals(ErrorCode.PROTOCOL_ERROR.number(), replyTo(noNul).error());
        var unknown = good.clone();
        unknown[1] = 99;
        var raw = server.answer(A, unknown, unknown.length);
        assertEquals(ErrorCode.BAD_PROTOCOL_CMD.number(), (raw[4] & 0xff) << 8 | raw[5] & 0xff, "the error field of the answer to command 99");
        var read = DumbFsRequest.read(51, 1, 0, 1);
        read[12] = 1;  // count 16 MiB + 1
        assertEquals(ErrorCode.PROTOCOL_ERROR.number(), replyTo(read).error());
        assertNull(server.answer(A, new byte[] {0, 1}, 2));
        assertEquals(0, ask(A, good).error());
    }

    @Test
    void writeThenReadBackByteForByte() throws Exception {
        long id = open("data.bin", FLAG_READ | FLAG_WRITE | FLAG_CREATE | FLAG_EXCLUSIVE);
        var bytes = new byte[1024];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (i * 7);
        assertEquals(1024, ask(A, DumbFsRequest.write(60, id, 100, bytes, 0, 1024)).actual());
        var r = ask(A, DumbFsRequest.read(61, id, 100, 1024));
        assertArrayEquals(bytes, Arrays.copyOfRange(r.bytes(), r.dataOffset(), r.dataOffset() + 1024));
        assertEquals(1124, ask(A, DumbFsRequest.stat(62, "data.bin")).size());
        assertEquals(ErrorCode.ALREADY_EXISTS.number(), ask(A, DumbFsRequest.open(63, "data.bin", FLAG_WRITE | FLAG_CREATE | FLAG_EXCLUSIVE)).error());
        assertEquals(0, ask(A, DumbFsRequest.close(64, id)).error());
        assertEquals(0, ask(A, DumbFsRequest.delete(65, "data.bin")).error());
    }

    private DumbFsReply replyTo(byte[] bytes) throws Exception {
        var reply = server.answer(A, bytes, bytes.length);
        return DumbFsReply.check(reply, reply.length);
    }
}
