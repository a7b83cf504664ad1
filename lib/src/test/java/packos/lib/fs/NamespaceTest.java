package packos.lib.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.lib.fs.MemoryFileSystemTest.bytes;
import static packos.lib.fs.MemoryFileSystemTest.refused;
import static packos.lib.fs.MemoryFileSystemTest.text;

import java.util.List;
import org.junit.jupiter.api.Test;
import packos.kernel.ErrorCode;

/** A process's namespace: paths go to the longest mount, mount points show in listings, renames stay on one mount. */
class NamespaceTest {
    private final CodeFileSystem code = new CodeFileSystem(CodeTree.builder("site").file("foo.txt", bytes("foo bar baz\n")).build());
    private final MemoryFileSystem data = new MemoryFileSystem("data");
    private final MemoryFileSystem deeper = new MemoryFileSystem("deeper");
    private final Namespace ns = new Namespace().mount("/", code).mount("/data", data).mount("/data/deep/er", deeper);

    @Test
    void aPathGoesToTheLongestMountWithTheRestOfItsPath() {
        ns.writeAll("/data/x.txt", bytes("x"));
        ns.writeAll("/data/deep/er/y.txt", bytes("y"));
        assertEquals("x", text(data.readAll("x.txt")));
        assertEquals("y", text(deeper.readAll("y.txt")));
        assertEquals("foo bar baz\n", text(ns.readAll("foo.txt")));
        refused(ErrorCode.READ_ONLY_FILESYSTEM, () -> ns.writeAll("/new.txt", bytes("no")));
    }

    @Test
    void listingsShowMountPointsAsDirectories() {
        assertEquals(List.of(new DirectoryEntry("data", true, 0), new DirectoryEntry("foo.txt", false, 12)), ns.list("/"));
        assertEquals(List.of(new DirectoryEntry("deep", true, 0)), ns.list("/data"));
        assertTrue(ns.isDirectory("/data/deep"));
        assertEquals(List.of(new DirectoryEntry("er", true, 0)), ns.list("/data/deep"));
    }

    @Test
    void aRenameBetweenMountsIsACrossFilesystemMove() {
        ns.writeAll("/data/a", bytes("a"));
        refused(ErrorCode.CROSS_FILESYSTEM_MOVE, () -> ns.rename("/data/a", "/data/deep/er/a"));
        ns.rename("/data/a", "/data/b");
        assertEquals("a", text(ns.readAll("/data/b")));
    }

    @Test
    void mountPointsCannotBeDeletedOrMountedTwice() {
        refused(ErrorCode.RESOURCE_IN_USE, () -> ns.delete("/data"));
        refused(ErrorCode.RESOURCE_IN_USE, () -> ns.mount("/data/", new MemoryFileSystem("again")));
        ns.unmount("/data/deep/er");
        refused(ErrorCode.DOES_NOT_EXIST, () -> ns.list("/data/deep"));
    }

    @Test
    void withoutARootMountOnlyMountedPathsExist() {
        var only = new Namespace().mount("/m", data);
        assertEquals(List.of(new DirectoryEntry("m", true, 0)), only.list("/"));
        refused(ErrorCode.DOES_NOT_EXIST, () -> only.open("/elsewhere"));
    }

    @Test
    void mountTextParsesCodeAndMemoryAndRefusesTheRest() {
        assertEquals("/data=memory", Mount.parse("/data/=memory").describe());
        assertEquals("/=code", Mount.parse("/=code").describe());
        refused(ErrorCode.INVALID_ARGUMENT, () -> Mount.parse("/data=floppy"));
        refused(ErrorCode.INVALID_ARGUMENT, () -> Mount.parse("/../x=memory"));
        refused(ErrorCode.INVALID_ARGUMENT, () -> Mount.parse("memory"));
    }
}
