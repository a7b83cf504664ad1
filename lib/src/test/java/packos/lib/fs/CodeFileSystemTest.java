package packos.lib.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/** The file API over a code tree: what a program reads, and every refusal with its message. */
class CodeFileSystemTest {
    private static final byte[] BIG = randomBytes(100_003, 7);

    private final FileSystem files = new CodeFileSystem(CodeTree.builder("site")
            .file("index.html", bytes("<h1>hi</h1>"))
            .file("/foo.txt", bytes("bar"))
            .file("big.bin", BIG)
            .file("sub/index.html", bytes("sub"))
            .file("sub/deeper/b.txt", bytes("b"))
            .file("empty.txt", new byte[0])
            .directory("nothing-here")
            .build());

    @Test
    void readInChunksGivesTheFileByteForByteThenMinusOne() {
        for (int chunk : new int[] {1, 7, 512, 1460, 4096, 65_536, 200_000}) {
            var out = new ByteArrayOutputStream();
            try (var f = files.open("/big.bin")) {
                var buffer = new byte[chunk + 3];
                int n;
                while ((n = f.read(buffer, 3, chunk)) != -1) {
                    assertTrue(n > 0 && n <= chunk, "count " + n);
                    out.write(buffer, 3, n);
                    assertEquals(out.size(), f.position());
                }
                assertEquals(-1, f.read(buffer, 0, chunk), "still the end");
                assertEquals(BIG.length, f.position());
            }
            assertArrayEquals(BIG, out.toByteArray(), "chunk " + chunk);
        }
    }

    @Test
    void readLeavesTheRestOfTheBufferAlone() {
        var buffer = new byte[10];
        java.util.Arrays.fill(buffer, (byte) '.');
        try (var f = files.open("foo.txt")) {
            assertEquals(3, f.read(buffer, 2, 8));
        }
        assertEquals("..bar.....", new String(buffer, StandardCharsets.US_ASCII));
    }

    @Test
    void seekMovesTheNextRead() {
        try (var f = files.open("big.bin")) {
            assertEquals(BIG.length, f.size());
            f.seek(50_000);
            var buffer = new byte[100];
            assertEquals(100, f.read(buffer));
            assertArrayEquals(java.util.Arrays.copyOfRange(BIG, 50_000, 50_100), buffer);
            assertEquals(50_100, f.position());
            f.seek(BIG.length - 2);
            assertEquals(2, f.read(buffer));
            assertEquals(BIG[BIG.length - 1], buffer[1]);
            f.seek(BIG.length);
            assertEquals(-1, f.read(buffer));
            f.seek(0);
            assertEquals(0, f.position());
            assertEquals(100, f.read(buffer));
            assertEquals(BIG[0], buffer[0]);
        }
    }

    @Test
    void zeroLengthReadIsZeroEvenAtTheEnd() {
        try (var f = files.open("empty.txt")) {
            assertEquals(0, f.read(new byte[4], 0, 0));
            assertEquals(-1, f.read(new byte[4], 0, 4));
            assertEquals(0, f.size());
        }
    }

    @Test
    void sizesOfFiles() {
        assertEquals(3, files.size("foo.txt"));
        assertEquals(BIG.length, files.size("/big.bin"));
        assertEquals(0, files.size("empty.txt"));
    }

    @Test
    void listIsSortedByNameWithKindAndSize() {
        assertEquals(List.of(
                new DirectoryEntry("big.bin", false, BIG.length),
                new DirectoryEntry("empty.txt", false, 0),
                new DirectoryEntry("foo.txt", false, 3),
                new DirectoryEntry("index.html", false, 11),
                new DirectoryEntry("nothing-here", true, 0),
                new DirectoryEntry("sub", true, 0)), files.list("/"));
        assertEquals(files.list("/"), files.list(""));
        assertEquals(List.of(new DirectoryEntry("deeper", true, 0), new DirectoryEntry("index.html", false, 3)), files.list("sub/"));
        assertEquals(List.of(), files.list("nothing-here"));
    }

    @Test
    void existsAndIsDirectory() {
        assertTrue(files.exists("foo.txt"));
        assertTrue(files.exists("/sub"));
        assertTrue(files.exists("/"));
        assertFalse(files.exists("nope.txt"));
        assertFalse(files.exists("foo.txt/x"), "nothing is under a file");
        assertFalse(files.exists("foo.txt/"), "a trailing '/' asks for a directory");
        assertTrue(files.isDirectory("sub"));
        assertTrue(files.isDirectory("/"));
        assertFalse(files.isDirectory("foo.txt"));
        assertFalse(files.isDirectory("nope"));
    }

    @Test
    void readAllGivesTheWholeFile() {
        assertArrayEquals(BIG, files.readAll("big.bin"));
        assertArrayEquals(bytes("b"), files.readAll("/sub/deeper/b.txt"));
    }

    @Test
    void openingForWritingIsReadOnlyFilesystem() {
        for (var mode : List.of(OpenMode.WRITE, OpenMode.APPEND)) {
            assertRefused(ErrorCode.READ_ONLY_FILESYSTEM,
                    "ReadOnlyFilesystem: cannot open '/foo.txt' for " + mode + ": code tree site is read-only", () -> files.open("foo.txt", mode));
        }
        // Even where nothing exists: a read-only file system creates nothing.
        assertRefused(ErrorCode.READ_ONLY_FILESYSTEM,
                "ReadOnlyFilesystem: cannot open '/new.txt' for WRITE: code tree site is read-only", () -> files.open("new.txt", OpenMode.WRITE));
    }

    @Test
    void openingADirectoryIsIsDirectory() {
        assertRefused(ErrorCode.IS_DIRECTORY, "IsDirectory: '/sub' is a directory (list it, or name a file in it)", () -> files.open("sub"));
        assertRefused(ErrorCode.IS_DIRECTORY, "IsDirectory: '/' is a directory (list it, or name a file in it)", () -> files.open("/"));
        assertRefused(ErrorCode.IS_DIRECTORY, "IsDirectory: '/sub' is a directory (list it, or name a file in it)", () -> files.size("sub"));
        assertRefused(ErrorCode.IS_DIRECTORY, "IsDirectory: '/sub/deeper' is a directory (list it, or name a file in it)", () -> files.readAll("sub/deeper/"));
    }

    @Test
    void listingAFileIsNotADirectory() {
        assertRefused(ErrorCode.IS_NOT_DIRECTORY, "IsNotDirectory: cannot list '/foo.txt': it is a file", () -> files.list("foo.txt"));
        assertRefused(ErrorCode.IS_NOT_DIRECTORY, "IsNotDirectory: no '/foo.txt/x': '/foo.txt' is a file, not a directory", () -> files.open("foo.txt/x"));
        assertRefused(ErrorCode.IS_NOT_DIRECTORY, "IsNotDirectory: '/foo.txt' is a file, but the path ends in '/'", () -> files.open("foo.txt/"));
    }

    @Test
    void missingIsDoesNotExistNamingWhatIsMissing() {
        assertRefused(ErrorCode.DOES_NOT_EXIST, "DoesNotExist: no '/nope.txt' in code tree site", () -> files.open("nope.txt"));
        assertRefused(ErrorCode.DOES_NOT_EXIST, "DoesNotExist: no '/sub/nope' in code tree site (looking up '/sub/nope/x.html')",
                () -> files.size("/sub/nope/x.html"));
        assertRefused(ErrorCode.DOES_NOT_EXIST, "DoesNotExist: no '/nope' in code tree site", () -> files.list("nope"));
        assertRefused(ErrorCode.DOES_NOT_EXIST, "DoesNotExist: no '/%2e%2e' in code tree site (looking up '/%2e%2e/foo.txt')",
                () -> files.readAll("%2e%2e/foo.txt"));
    }

    @Test
    void invalidPathsAreRefusedByEveryCall() {
        List<Executable> calls = List.of(
                () -> files.open("../foo.txt"), () -> files.size("../foo.txt"), () -> files.list("../foo.txt"),
                () -> files.exists("../foo.txt"), () -> files.isDirectory("../foo.txt"), () -> files.readAll("../foo.txt"),
                () -> files.open("../foo.txt", OpenMode.WRITE));
        for (var call : calls) {
            assertRefused(ErrorCode.INVALID_ARGUMENT, "InvalidArgument: path '../foo.txt' is not valid: it has a '..' name (no path may leave its directory)", call);
        }
        assertRefused(ErrorCode.INVALID_ARGUMENT, "InvalidArgument: path 'sub/../../foo.txt' is not valid: it has a '..' name (no path may leave its directory)",
                () -> files.open("sub/../../foo.txt"));
        assertRefused(ErrorCode.INVALID_ARGUMENT, "InvalidArgument: path 'foo.txt\\u0000.html' is not valid: it contains a NUL character",
                () -> files.open("foo.txt\u0000.html"));
    }

    @Test
    void badReadRangesAndSeeksAreInvalidArgument() {
        try (var f = files.open("foo.txt")) {
            assertRefused(ErrorCode.INVALID_ARGUMENT, "InvalidArgument: read of '/foo.txt': 5 bytes at offset 0 do not fit a buffer of 4 bytes",
                    () -> f.read(new byte[4], 0, 5));
            assertRefused(ErrorCode.INVALID_ARGUMENT, "InvalidArgument: read of '/foo.txt': 1 bytes at offset -1 do not fit a buffer of 4 bytes",
                    () -> f.read(new byte[4], -1, 1));
            assertRefused(ErrorCode.INVALID_ARGUMENT, "InvalidArgument: read of '/foo.txt': 2147483647 bytes at offset 2 do not fit a buffer of 4 bytes",
                    () -> f.read(new byte[4], 2, Integer.MAX_VALUE));
            assertRefused(ErrorCode.INVALID_ARGUMENT, "InvalidArgument: read of '/foo.txt' into no buffer", () -> f.read(null, 0, 1));
            assertRefused(ErrorCode.INVALID_ARGUMENT, "InvalidArgument: seek in '/foo.txt' to 4 (expected 0..3)", () -> f.seek(4));
            assertRefused(ErrorCode.INVALID_ARGUMENT, "InvalidArgument: seek in '/foo.txt' to -1 (expected 0..3)", () -> f.seek(-1));
            assertEquals(0, f.position(), "a refused seek leaves the position");
        }
    }

    @Test
    void closedFileRefusesEverythingButClose() {
        var f = files.open("foo.txt");
        f.close();
        f.close();
        for (Executable call : List.<Executable>of(() -> f.read(new byte[1]), f::size, f::position, () -> f.seek(0))) {
            assertRefused(ErrorCode.INVALID_ARGUMENT, "InvalidArgument: '/foo.txt' is closed", call);
        }
    }

    @Test
    void eachOpenHasItsOwnPosition() {
        try (var a = files.open("foo.txt"); var b = files.open("/foo.txt")) {
            var one = new byte[1];
            a.read(one);
            a.read(one);
            assertEquals(2, a.position());
            assertEquals(0, b.position());
            b.read(one);
            assertEquals('b', one[0]);
            assertEquals("/foo.txt", a.path());
        }
    }

    @Test
    void changingWhatReadAllReturnedChangesNothingInTheTree() {
        var first = files.readAll("foo.txt");
        first[0] = 'X';
        assertArrayEquals(bytes("bar"), files.readAll("foo.txt"));
        try (var f = files.open("foo.txt")) {
            var buffer = new byte[3];
            f.read(buffer);
            buffer[0] = 'Y';
            f.seek(0);
            f.read(buffer);
            assertArrayEquals(bytes("bar"), buffer);
        }
    }

    @Test
    void aProcessChangingItsViewCannotChangeAnothersOverTheSameTree() {
        var tree = CodeTree.builder("shared").file("a.txt", bytes("abc")).build();
        var one = new CodeFileSystem(tree);
        var two = new CodeFileSystem(tree);
        try (var mine = one.open("a.txt")) {
            mine.seek(2);
            one.readAll("a.txt")[1] = 'Z';
            assertThrows(KernelException.class, () -> one.open("a.txt", OpenMode.WRITE));
            try (var theirs = two.open("a.txt")) {
                assertEquals(0, theirs.position());
                assertArrayEquals(bytes("abc"), two.readAll("a.txt"));
            }
        }
        assertThrows(UnsupportedOperationException.class, () -> one.list("/").add(new DirectoryEntry("x", false, 0)));
    }

    @Test
    void treeOfAnImageWithoutOneIsAnEmptyRootThatSaysSo() {
        var none = new CodeFileSystem(CodeTree.empty());
        assertEquals(List.of(), none.list("/"));
        assertFalse(none.exists("index.html"));
        assertRefused(ErrorCode.DOES_NOT_EXIST,
                "DoesNotExist: no '/index.html' in this image's code tree (the image has none: its boot config gives no codefs=)",
                () -> none.open("index.html"));
    }

    private static void assertRefused(ErrorCode code, String message, Executable call) {
        var e = assertThrows(KernelException.class, call);
        assertEquals(code, e.code(), e::getMessage);
        assertEquals(message, e.getMessage());
    }

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static byte[] randomBytes(int n, long seed) {
        var b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
