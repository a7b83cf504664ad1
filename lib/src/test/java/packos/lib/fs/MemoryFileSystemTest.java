package packos.lib.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/** The writable memory tree: every operation of the file API, and each refusal by its original name. */
class MemoryFileSystemTest {
    private final MemoryFileSystem files = new MemoryFileSystem("t");

    @Test
    void aFileWrittenIsReadBackByteForByte() {
        files.mkdir("dir");
        files.writeAll("dir/a.txt", bytes("hello"));
        assertEquals("hello", text(files.readAll("/dir/a.txt")));
        assertEquals(new FileStat("a.txt", false, 5, 0), files.stat("dir/a.txt"));
        assertEquals(List.of(new DirectoryEntry("a.txt", false, 5)), files.list("dir"));
    }

    @Test
    void positionedWritesLeaveZerosInTheGapAndDoNotMoveThePosition() {
        try (var f = files.open("x", OpenMode.READ_WRITE.withCreate())) {
            f.writeAt(4, bytes("ab"), 0, 2);
            assertEquals(0, f.position());
            assertEquals(6, f.size());
            var b = new byte[8];
            assertEquals(6, f.readAt(0, b, 0, 8));
            assertArrayEquals(new byte[] {0, 0, 0, 0, 'a', 'b', 0, 0}, b);
            assertEquals(-1, f.readAt(6, b, 0, 8));
            f.seek(10);
            f.write(bytes("z"));
            assertEquals(11, f.size());
        }
    }

    @Test
    void appendWritesAtTheEndWhateverThePosition() {
        files.writeAll("log", bytes("one\n"));
        try (var f = files.open("log", OpenMode.APPEND.withRead())) {
            f.seek(0);
            f.write(bytes("two\n"));
            assertEquals(8, f.position());
        }
        assertEquals("one\ntwo\n", text(files.readAll("log")));
    }

    @Test
    void openModesAreEnforcedWithTheOriginalNames() {
        files.writeAll("f", bytes("abc"));
        try (var r = files.open("f")) {
            refused(ErrorCode.NOT_OPEN_FOR_WRITE, () -> r.write(bytes("x")));
            refused(ErrorCode.NOT_OPEN_FOR_WRITE, () -> r.truncate(0));
        }
        try (var w = files.open("f", OpenMode.WRITE)) {
            refused(ErrorCode.NOT_OPEN_FOR_READ, () -> w.read(new byte[1]));
        }
        refused(ErrorCode.DOES_NOT_EXIST, () -> files.open("missing", OpenMode.WRITE));
        refused(ErrorCode.ALREADY_EXISTS, () -> files.open("f", OpenMode.WRITE.withExclusive()));
        try (var t = files.open("f", OpenMode.WRITE.withTruncate())) {
            assertEquals(0, t.size());
        }
    }

    @Test
    void directoriesRefuseFileOperationsAndNonEmptyDeletion() {
        files.mkdir("d");
        files.writeAll("d/x", bytes("1"));
        refused(ErrorCode.IS_DIRECTORY, () -> files.open("d"));
        refused(ErrorCode.IS_NOT_DIRECTORY, () -> files.list("d/x"));
        refused(ErrorCode.IS_NOT_DIRECTORY, () -> files.open("d/x/y", OpenMode.REPLACE));
        refused(ErrorCode.DIRECTORY_NOT_EMPTY, () -> files.delete("d"));
        refused(ErrorCode.ALREADY_EXISTS, () -> files.mkdir("d"));
        refused(ErrorCode.DOES_NOT_EXIST, () -> files.mkdir("no/such"));
        files.delete("d/x");
        files.delete("d");
        assertEquals(List.of(), files.list("/"));
    }

    @Test
    void renameReplacesAFileAndMovesDirectoriesButNotIntoThemselves() {
        files.writeAll("a", bytes("new"));
        files.writeAll("b", bytes("old"));
        files.rename("a", "b");
        assertEquals("new", text(files.readAll("b")));
        assertEquals(false, files.exists("a"));
        files.mkdir("d");
        files.mkdir("e");
        files.rename("b", "d/b");
        refused(ErrorCode.INVALID_ARGUMENT, () -> files.rename("d", "d/inner"));
        refused(ErrorCode.IS_DIRECTORY, () -> files.rename("d/b", "e"));
        files.rename("d", "e");
        assertEquals("new", text(files.readAll("e/b")));
    }

    @Test
    void anOpenFileOutlivesItsDeletionAndItsBytesStopCounting() {
        files.writeAll("gone", new byte[1000]);
        assertEquals(1000, files.bytes());
        try (var f = files.open("gone")) {
            files.delete("gone");
            assertEquals(0, files.bytes());
            assertEquals(1000, f.size());
            assertEquals(100, f.read(new byte[100]));
        }
    }

    @Test
    void limitsAreOutOfDisk() {
        var small = new MemoryFileSystem("small", 10, 3, () -> 0);
        small.writeAll("a", new byte[10]);
        // As on a full disk, the file is made and stays empty: only the write is refused.
        refused(ErrorCode.OUT_OF_DISK, () -> small.writeAll("b", new byte[1]));
        assertEquals(0, small.size("b"));
        small.mkdir("d");
        refused(ErrorCode.OUT_OF_DISK, () -> small.mkdir("e"));
        assertEquals(10, small.readAll("a").length);
    }

    static void refused(ErrorCode code, Runnable call) {
        var e = assertThrows(KernelException.class, call::run);
        assertEquals(code, e.code(), e.getMessage());
    }

    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static String text(byte[] b) { return new String(b, StandardCharsets.UTF_8); }
}
