package packos.lib.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import packos.lib.wire.MalformedPacketException;
import packos.machine.nic.MacAddress;

class LinkMessageTest {
    @Test
    void everyMessageSurvivesTheTripThroughBytes() throws Exception {
        var frame = new byte[60];
        for (int i = 0; i < frame.length; i++) frame[i] = (byte) (i * 7);
        for (LinkMessage m : new LinkMessage[] {
                new LinkMessage.Attach(),
                new LinkMessage.Link(MacAddress.parse("52:54:00:12:34:56"), 1500, true),
                new LinkMessage.Link(MacAddress.parse("02:00:00:00:00:01"), 9000, false),
                new LinkMessage.Frame(frame)}) {
            assertEquals(m, LinkMessage.decode(m.encode()));
        }
    }

    @Test
    void malformedMessagesAreRefusedWithTheReason() {
        assertTrue(assertThrows(MalformedPacketException.class, () -> LinkMessage.decode(new byte[0])).getMessage().contains("empty"));
        assertTrue(assertThrows(MalformedPacketException.class, () -> LinkMessage.decode(new byte[] {9})).getMessage().contains("unknown kind 9"));
        assertTrue(assertThrows(MalformedPacketException.class, () -> LinkMessage.decode(new byte[] {1, 0})).getMessage().contains("ATTACH"));
        assertTrue(assertThrows(MalformedPacketException.class, () -> LinkMessage.decode(new byte[] {2, 1, 2})).getMessage().contains("LINK"));
        assertTrue(assertThrows(MalformedPacketException.class, () -> LinkMessage.decode(new byte[14])).getMessage().contains("unknown kind 0"));
        var shortFrame = new byte[1 + 13];
        shortFrame[0] = 3;
        assertTrue(assertThrows(MalformedPacketException.class, () -> LinkMessage.decode(shortFrame)).getMessage().contains("13 frame bytes"));
        var longFrame = new byte[1 + 1515];
        longFrame[0] = 3;
        assertTrue(assertThrows(MalformedPacketException.class, () -> LinkMessage.decode(longFrame)).getMessage().contains("1515 frame bytes"));
        var lowMtu = new LinkMessage.Link(MacAddress.parse("52:54:00:12:34:56"), 1500, true).encode();
        lowMtu[7] = 0;
        lowMtu[8] = 100;
        assertTrue(assertThrows(MalformedPacketException.class, () -> LinkMessage.decode(lowMtu)).getMessage().contains("MTU 100"));
    }
}
