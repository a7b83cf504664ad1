package packos.lib.pci;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import packos.lib.wire.MalformedPacketException;

/**
 * Coverage-guided fuzzing of the PCI service protocol's decoders: a request or reply is decoded
 * into a message that encodes back to the same bytes, or refused with a
 * {@link MalformedPacketException} naming the field; a refused request still gets an error to answer with.
 */
class PciMessageFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void aDecodedPciRequestEncodesBackToItsBytes(byte[] bytes) {
        PciRequest r;
        try {
            r = PciRequest.decode(bytes);
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("PCI request"), e.getMessage());
            assertNotNull(PciRequest.refusal(bytes));
            PciRequest.opOf(bytes);
            PciRequest.requestIdOf(bytes);
            return;
        }
        assertArrayEquals(bytes, r.encode());
    }

    @FuzzTest(maxDuration = "5m")
    void aDecodedPciReplyEncodesBackToItsBytes(byte[] bytes) {
        PciReply r;
        try {
            r = PciReply.decode(bytes);
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("PCI reply") || e.getMessage().startsWith("PCI device"), e.getMessage());
            return;
        }
        assertArrayEquals(bytes, r.encode());
        if (r.body() instanceof PciReply.Device(var d)) {
            d.address();
            d.toString();
        }
    }
}
