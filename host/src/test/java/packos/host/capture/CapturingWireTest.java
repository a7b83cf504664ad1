package packos.host.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import packos.machine.wire.EthernetWire;
import packos.machine.wire.FrameReceiver;

/** Frames both ways are recorded, in machine time, and still reach the wire and the card. */
class CapturingWireTest {
    private static final class FakeWire implements EthernetWire {
        FrameReceiver receiver;
        final List<byte[]> sent = new ArrayList<>();
        boolean closed;

        @Override public void start(FrameReceiver r) { receiver = r; }
        @Override public boolean transmit(byte[] frame, int off, int len) { sent.add(java.util.Arrays.copyOfRange(frame, off, off + len)); return true; }
        @Override public String describe() { return "fake"; }
        @Override public void close() { closed = true; }
    }

    @Test
    void recordsSentAndReceivedFramesAndDelegates() throws Exception {
        var bytes = new ByteArrayOutputStream();
        var fake = new FakeWire();
        long[] now = {5_000};
        List<byte[]> arrived = new ArrayList<>();
        try (var writer = new PcapngWriter(bytes)) {
            var wire = new CapturingWire(fake, writer, () -> now[0], "eth0 (RTL8139 at 00:03.0, fake)");
            wire.start((frame, length) -> arrived.add(java.util.Arrays.copyOf(frame, length)));
            byte[] out = new byte[64];
            out[0] = 1;
            assertTrue(wire.transmit(out, 0, 60));
            now[0] = 7_000;
            byte[] in = new byte[60];
            in[0] = 2;
            fake.receiver.frameArrived(in, 60);
            assertEquals(2, wire.frames());
            assertEquals("fake", wire.describe());
            wire.flush();
            wire.close();
            assertTrue(fake.closed);
            assertArrayEquals(java.util.Arrays.copyOf(out, 60), fake.sent.get(0));
            assertArrayEquals(in, arrived.get(0));
        }
        // Section header (28) + interface block, then two Enhanced Packet Blocks of 32 + 60 bytes each.
        byte[] file = bytes.toByteArray();
        int epb = file.length - 2 * 92;
        assertEquals(6, file[epb]);
        assertEquals(5_000, java.nio.ByteBuffer.wrap(file, epb + 16, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals(7_000, java.nio.ByteBuffer.wrap(file, epb + 92 + 16, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals(1, file[epb + 28]);
        assertEquals(2, file[epb + 92 + 28]);
    }
}
