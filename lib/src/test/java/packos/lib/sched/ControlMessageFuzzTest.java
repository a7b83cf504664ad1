package packos.lib.sched;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import packos.lib.wire.MalformedPacketException;

/**
 * Coverage-guided fuzzing of the scheduler control protocol's decoders (Jazzer; {@code mvn test}
 * replays the stored inputs, {@code ./fuzz} searches for new ones). Whatever a client sends, a
 * decoder accepts it into a message that encodes back to the same bytes, or refuses it with a
 * {@link MalformedPacketException}: nothing else may escape.
 */
class ControlMessageFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void aDecodedControlRequestEncodesBackToItsBytes(byte[] bytes) {
        int off = bytes.length == 0 ? 0 : (bytes[0] & 3);
        ControlRequest r;
        try {
            r = ControlRequest.decode(bytes, Math.min(off, bytes.length));
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("control request: "), e.getMessage());
            return;
        }
        assertArrayEquals(Arrays.copyOfRange(bytes, off, off + ControlProtocol.REQUEST_LENGTH), r.encode());
    }

    @FuzzTest(maxDuration = "5m")
    void aDecodedControlReplyEncodesBackToItsBytes(byte[] bytes) {
        ControlReply r;
        try {
            r = ControlReply.decode(bytes);
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("control reply: "), e.getMessage());
            return;
        }
        assertArrayEquals(bytes, r.encode());
    }

    @FuzzTest(maxDuration = "5m")
    void aDecodedSpawnPayloadEncodesBackToItsBytes(byte[] bytes) {
        SpawnRequest r;
        try {
            r = SpawnRequest.decode(bytes);
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("spawn payload: "), e.getMessage());
            return;
        }
        assertArrayEquals(bytes, r.encode());
        assertTrue(bytes.length <= ControlProtocol.MAX_PAYLOAD, "a spawn payload over the protocol's limit was accepted");
    }
}
