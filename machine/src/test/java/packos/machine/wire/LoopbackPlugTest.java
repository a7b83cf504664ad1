package packos.machine.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopbackPlugTest {
    private record Arrival(byte[] frame, Thread thread) { }

    @Test
    void aFrameSentComesBackAtOnceOnTheSendersThreadAsACopy() {
        var arrivals = new ArrayList<Arrival>();
        try (var plug = new LoopbackPlug()) {
            plug.start((frame, length) -> arrivals.add(new Arrival(java.util.Arrays.copyOf(frame, length), Thread.currentThread())));
            byte[] frame = new byte[64];
            for (int i = 0; i < frame.length; i++) frame[i] = (byte) i;
            assertTrue(plug.transmit(frame, 0, 60));
            frame[0] = 99;  // the sender reusing its buffer does not change what arrived
            assertEquals(1, arrivals.size());
            assertEquals(Thread.currentThread(), arrivals.get(0).thread());
            byte[] expected = new byte[60];
            for (int i = 0; i < 60; i++) expected[i] = (byte) i;
            assertArrayEquals(expected, arrivals.get(0).frame());
            assertEquals(1, plug.counters().framesOut());
            assertEquals(1, plug.counters().framesIn());
        }
    }

    @Test
    void runtsGiantsAndFramesAfterCloseAreDroppedAndCounted() {
        var arrivals = new ArrayList<byte[]>();
        var plug = new LoopbackPlug();
        plug.start((frame, length) -> arrivals.add(frame));
        assertFalse(plug.transmit(new byte[13], 0, 13));
        assertFalse(plug.transmit(new byte[1515], 0, 1515));
        plug.close();
        assertFalse(plug.transmit(new byte[60], 0, 60));
        assertEquals(List.of(), arrivals);
        assertEquals(3, plug.counters().droppedOut());
    }
}
