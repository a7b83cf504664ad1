package packos.host.codefs;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing (Jazzer) of a code tree's index: any text is an index or a
 * {@link CodeTreeException} naming the line, and an index rendered again reads back the same.
 */
class CodeTreeIndexFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void any_text_is_an_index_that_renders_back_to_itself_or_an_error_naming_its_line(byte[] bytes) throws CodeTreeException {
        CodeTreeIndex index;
        try {
            index = CodeTreeIndex.parse("fuzz.index", new String(bytes, StandardCharsets.UTF_8));
        } catch (CodeTreeException e) {
            assertTrue(e.getMessage().startsWith("fuzz.index line "), e.getMessage());
            return;
        }
        for (var entry : index.entries()) assertTrue(entry.size() >= 0, entry.toString());
        assertEquals(index, CodeTreeIndex.parse("fuzz.index", index.render()));
    }
}
