package packos.lib.fs;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * Coverage-guided fuzzing (Jazzer) of file paths as programs and file servers' peers give them:
 * any string is a path of plain names, which its canonical form reads back to, or an
 * INVALID_ARGUMENT naming the path.
 */
class FilePathFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void anyStringIsAPathOfPlainNamesOrInvalid(byte[] bytes) {
        var text = new String(bytes, StandardCharsets.UTF_8);
        FilePath path;
        try {
            path = FilePath.parse(text);
        } catch (KernelException e) {
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
            assertTrue(e.getMessage().contains("is not valid: "), e.getMessage());
            return;
        }
        for (var name : path.names()) assertNull(FilePath.whyNotAName(name), name);
        var again = FilePath.parse(path.toString());
        assertEquals(path.names(), again.names());
        assertEquals(path.isRoot(), again.isRoot());
    }
}
