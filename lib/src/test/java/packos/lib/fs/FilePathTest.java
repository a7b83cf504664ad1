package packos.lib.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/** "No path escapes the root": what a path may be, and what each refusal says. */
class FilePathTest {
    @Test
    void leadingSlashIsOptional() {
        assertEquals(FilePath.parse("a/b.txt"), FilePath.parse("/a/b.txt"));
        assertEquals(List.of("a", "b.txt"), FilePath.parse("/a/b.txt").names());
        assertEquals("/a/b.txt", FilePath.parse("a/b.txt").toString());
    }

    @Test
    void emptyPathAndSlashNameTheRoot() {
        assertTrue(FilePath.parse("").isRoot());
        assertTrue(FilePath.parse("/").isRoot());
        assertEquals("/", FilePath.parse("").toString());
    }

    @Test
    void oneTrailingSlashAsksForADirectory() {
        var p = FilePath.parse("/sub/");
        assertEquals(List.of("sub"), p.names());
        assertTrue(p.directoryExpected());
        assertFalse(FilePath.parse("/sub").directoryExpected());
    }

    @Test
    void namesThatOnlyLookLikeEscapesAreOrdinaryNames() {
        // Nothing is decoded: a server that decodes %2e%2e itself gets ".." and the refusal below.
        assertEquals(List.of("%2e%2e", "x"), FilePath.parse("%2e%2e/x").names());
        assertEquals(List.of("...", ".hidden", "a..b"), FilePath.parse("/.../.hidden/a..b").names());
        assertEquals(List.of("caf\u00e9 \uD83D\uDE00.txt"), FilePath.parse("caf\u00e9 \uD83D\uDE00.txt").names());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("..", "path '..' is not valid: it has a '..' name (no path may leave its directory)"),
                Arguments.of("../etc/passwd", "path '../etc/passwd' is not valid: it has a '..' name (no path may leave its directory)"),
                Arguments.of("/a/../../b", "path '/a/../../b' is not valid: it has a '..' name (no path may leave its directory)"),
                Arguments.of("a/..", "path 'a/..' is not valid: it has a '..' name (no path may leave its directory)"),
                Arguments.of("./a", "path './a' is not valid: it has a '.' name (expected plain names only)"),
                Arguments.of("a/./b", "path 'a/./b' is not valid: it has a '.' name (expected plain names only)"),
                Arguments.of("//", "path '//' is not valid: it has an empty name (two '/' in a row, or more than one at an end)"),
                Arguments.of("//etc", "path '//etc' is not valid: it has an empty name (two '/' in a row, or more than one at an end)"),
                Arguments.of("a//b", "path 'a//b' is not valid: it has an empty name (two '/' in a row, or more than one at an end)"),
                Arguments.of("a//", "path 'a//' is not valid: it has an empty name (two '/' in a row, or more than one at an end)"),
                Arguments.of("a\u0000.html", "path 'a\\u0000.html' is not valid: it contains a NUL character"),
                Arguments.of("index.html\u0000.txt", "path 'index.html\\u0000.txt' is not valid: it contains a NUL character"),
                Arguments.of("..\\windows", "path '..\\windows' is not valid: it contains a backslash (the separator is '/')"),
                Arguments.of("a\nb", "path 'a\\u000ab' is not valid: it contains the control character U+000A"),
                Arguments.of("a\u007fb", "path 'a\\u007fb' is not valid: it contains the control character U+007F"),
                Arguments.of("a\u0085b", "path 'a\\u0085b' is not valid: it contains the control character U+0085"),
                Arguments.of("a\uD800b", "path 'a\\ud800b' is not valid: it contains the unpaired surrogate U+D800"),
                Arguments.of("it's/..", "path 'it\\u0027s/..' is not valid: it has a '..' name (no path may leave its directory)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String path, String message) {
        var e = assertThrows(KernelException.class, () -> FilePath.parse(path));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertEquals("InvalidArgument: " + message, e.getMessage());
    }

    @Test
    void overLongPathIsRefusedAndShownCutShort() {
        var path = "a/".repeat(FilePath.MAX_LENGTH / 2) + "b";
        var e = assertThrows(KernelException.class, () -> FilePath.parse(path));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertEquals("InvalidArgument: path '" + path.substring(0, 80) + "'... (1025 characters) is not valid: it is 1025 characters long (at most 1024)",
                e.getMessage());
    }

    @Test
    void pathOfTheLongestLengthIsAccepted() {
        var path = ("x".repeat(99) + "/").repeat(10) + "y".repeat(24);
        assertEquals(FilePath.MAX_LENGTH, path.length());
        assertEquals(11, FilePath.parse(path).names().size());
    }

    @Test
    void overLongNameIsRefused() {
        var e = assertThrows(KernelException.class, () -> FilePath.parse("d/" + "n".repeat(256)));
        assertTrue(e.getMessage().endsWith("is not valid: it has a name 256 characters long (at most 255)"), e.getMessage());
        assertEquals(1, FilePath.parse("n".repeat(255)).names().size());
    }

    @Test
    void nullIsRefusedAsAnArgumentNotAPointer() {
        var e = assertThrows(KernelException.class, () -> FilePath.parse(null));
        assertEquals("InvalidArgument: the path is null", e.getMessage());
    }
}
