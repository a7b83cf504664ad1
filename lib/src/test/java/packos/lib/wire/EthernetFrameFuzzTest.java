package packos.lib.wire;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import packos.kernel.Packet;
import packos.machine.nic.MacAddress;

/**
 * Coverage-guided fuzzing of the Ethernet II view: any frame is checked or refused by name, and a
 * checked frame written again from its fields and payload is the same frame.
 */
class EthernetFrameFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void aCheckedFrameWrittenAgainIsTheSameFrame(byte[] bytes) {
        EthernetFrame frame;
        try {
            frame = EthernetFrame.check(bytes);
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("Ethernet header"), e.getMessage());
            return;
        }
        assertEquals(bytes.length - EthernetFrame.HEADER_LENGTH, frame.payloadLength());
        var payload = Packet.standalone(Math.max(1, frame.payloadLength()));
        frame.copyPayloadTo(payload);
        assertEquals(frame.payloadLength(), payload.length());
        var into = Packet.standalone(Math.max(EthernetFrame.MINIMUM_LENGTH, bytes.length));
        var again = frame.isIpv6()
                ? EthernetFrame.emitIpv6(into, frame.destination(), frame.source(), payload)
                : emit(into, frame, payload);
        var written = again.packet().toByteArray();
        // Emitting pads a short frame with zeros to the 60 bytes a card sends.
        assertArrayEquals(bytes, Arrays.copyOf(written, bytes.length));
        assertEquals(Math.max(bytes.length, EthernetFrame.MINIMUM_LENGTH), written.length);
        assertEquals(frame.destination(), MacAddress.parse(frame.destination().toString()));
    }

    private static EthernetFrame emit(Packet into, EthernetFrame frame, Packet payload) {
        payload.copyTo(0, into, EthernetFrame.HEADER_LENGTH, payload.length());
        return EthernetFrame.emit(into, frame.destination(), frame.source(), frame.etherType(), payload.length());
    }
}
