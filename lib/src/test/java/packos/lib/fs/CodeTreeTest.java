package packos.lib.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/** Building the tree an image carries: copies in, no clashes, limits, and nothing changes after. */
class CodeTreeTest {
    @Test
    void contentsAreCopiedInSoTheBuilderCallerCannotChangeThem() {
        var contents = new byte[] {1, 2, 3};
        var builder = CodeTree.builder("t").file("a", contents);
        contents[0] = 9;
        var tree = builder.build();
        contents[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, new CodeFileSystem(tree).readAll("a"));
    }

    @Test
    void addingAfterBuildLeavesTheBuiltTreeAsItWas() {
        var builder = CodeTree.builder("t").file("a", new byte[1]);
        var tree = builder.build();
        builder.file("b", new byte[1]);
        assertEquals(1, new CodeFileSystem(tree).list("/").size());
        assertEquals(2, new CodeFileSystem(builder.build()).list("/").size());
    }

    @Test
    void countsBytesAndEntries() {
        var tree = CodeTree.builder("t").file("a/b/c.txt", new byte[5]).file("a/d.txt", new byte[2]).directory("e").build();
        assertEquals(7, tree.bytes());
        assertEquals(5, tree.entries(), "a, a/b, a/b/c.txt, a/d.txt, e");
        assertEquals("t", tree.origin());
        assertTrue(CodeTree.empty().isAbsent());
    }

    @Test
    void clashingPathsAreRefused() {
        var builder = CodeTree.builder("t").file("a/b.txt", new byte[0]);
        assertRefused("cannot add 'a/b.txt' to code tree t: it is already a file", () -> builder.file("a/b.txt", new byte[0]));
        assertRefused("cannot add 'a' to code tree t: it is already a directory", () -> builder.file("a", new byte[0]));
        assertRefused("cannot add 'a/b.txt/c' to code tree t: 'b.txt' on the way is already a file", () -> builder.file("a/b.txt/c", new byte[0]));
        assertRefused("cannot add 'a/' to code tree t: a file's path must end in a name, not '/'", () -> builder.file("a/", new byte[0]));
        assertRefused("cannot add '/' to code tree t: a file's path must end in a name, not '/'", () -> builder.file("/", new byte[0]));
    }

    @Test
    void namesAProgramCouldNotAskForAreRefused() {
        var e = assertThrows(KernelException.class, () -> CodeTree.builder("t").file("a/../b", new byte[0]));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void aTreeOverItsEntryLimitIsRefused() {
        var builder = CodeTree.builder("t");
        for (int i = 0; i < CodeTree.MAX_ENTRIES; i++) builder.file("f" + i, new byte[0]);
        assertRefused("cannot add 'one-more' to code tree t: the tree already holds 65536 files and directories", () -> builder.file("one-more", new byte[0]));
    }

    @Test
    void aTreeOverItsByteLimitIsRefused() {
        var builder = CodeTree.builder("t").file("half", new byte[(int) (CodeTree.MAX_BYTES / 2)]);
        builder.file("other-half", new byte[(int) (CodeTree.MAX_BYTES / 2)]);
        assertRefused("cannot add 'one-byte' to code tree t: it would take the tree past 67108864 bytes of contents", () -> builder.file("one-byte", new byte[1]));
    }

    private static void assertRefused(String detail, org.junit.jupiter.api.function.Executable call) {
        var e = assertThrows(KernelException.class, call);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertEquals("InvalidArgument: " + detail, e.getMessage());
    }
}
