package packos.lib.link;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import packos.lib.wire.MalformedPacketException;

/**
 * Coverage-guided fuzzing of the NIC driver's link messages: a datagram is decoded into a message
 * that encodes back to the same bytes, or refused with a {@link MalformedPacketException}.
 */
class LinkMessageFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void aDecodedLinkMessageEncodesBackToItsBytes(byte[] bytes) {
        LinkMessage m;
        try {
            m = LinkMessage.decode(bytes);
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("link "), e.getMessage());
            return;
        }
        assertArrayEquals(bytes, m.encode());
    }
}
