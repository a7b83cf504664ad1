package packos.machine.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class NoWireTest {
    @Test
    void dropsAndCountsEveryFrameAndDeliversNothing() throws Exception {
        var none = new WireSpec.None().open();
        var arrived = new ArrayList<byte[]>();
        none.start((frame, length) -> arrived.add(frame));
        assertFalse(none.transmit(new byte[60], 0, 60));
        assertFalse(none.transmit(new byte[1514], 0, 1514));
        assertEquals(2, none.counters().droppedOut());
        assertEquals(0, none.counters().framesOut());
        Thread.sleep(50);
        assertTrue(arrived.isEmpty());
        assertEquals("none", none.describe());
        none.close();
        none.close();
    }
}
