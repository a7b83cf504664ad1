package packos.lib.fs.dumbfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import packos.lib.wire.MalformedPacketException;

/**
 * Coverage-guided fuzzing (Jazzer) of DumbFS requests and replies as a server and a client receive
 * them: any bytes are a checked message whose fields read without failing, or a refusal naming a
 * DumbFS field; never another exception.
 */
class DumbFsFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void any_bytes_are_a_checked_request_or_a_named_refusal(byte[] bytes) {
        try {
            var r = DumbFsRequest.check(bytes, bytes.length);
            assertEquals(DumbFs.REQUEST_LENGTH, bytes.length);
            switch (r.command()) {
                case DumbFs.OPEN, DumbFs.DELETE, DumbFs.STAT -> r.path();
                case DumbFs.RENAME -> {
                    r.path();
                    r.to();
                }
                case DumbFs.READ, DumbFs.WRITE -> assertTrue(r.count() <= DumbFs.MAX_BUFFER);
                default -> r.fileId();
            }
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("DumbFS "), e.getMessage());
        }
        try {
            var reply = DumbFsReply.check(bytes, bytes.length);
            assertTrue(reply.command() >= DumbFs.OPEN && reply.command() <= DumbFs.STAT);
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("DumbFS "), e.getMessage());
        }
    }
}
