package packos.host.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import packos.host.capture.PcapngFile.EnhancedPacket;
import packos.host.capture.PcapngFile.InterfaceDescription;
import packos.kernel.Address;

class KanCaptureTest {
    static final Address A = Address.parse("fd00:7e8e::a");
    static final Address B = Address.parse("fd00:7e8e::b");
    static final Address ROUTER = Address.parse("fd00:7e8e::1");
    static final Address REMOTE = Address.parse("2001:db8::99");

    static byte[] udp(Address from, Address to, String text) {
        return Ipv6UdpPacket.build(from, to, 4000, 4000, text.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] run(List<byte[]> packets) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var w = new PcapngWriter(bytes)) {
            var kan = new KanCapture(w);
            long t = 0;
            for (var p : packets) {
                t += 1_000_000;
                kan.delivered(t, Address.fromBytes(p, 8), Address.fromBytes(p, 24), p, p.length);
            }
            kan.flush();
        }
        return bytes.toByteArray();
    }

    @Test
    void deliveredPacketsAreWrittenOnTheKanInterfaceAtMachineTime() throws IOException {
        var ping = udp(A, B, "ping");
        var pong = udp(B, A, "pong");
        var blocks = PcapngFile.read(run(List.of(ping, pong)));
        assertEquals(4, blocks.size());
        var kan = (InterfaceDescription) blocks.get(1);
        assertEquals("kan", kan.name());
        assertEquals(PcapngWriter.LINKTYPE_IPV6, kan.linkType());
        assertEquals(65535, kan.snapLen());
        assertEquals(9, kan.tsresol());
        var first = (EnhancedPacket) blocks.get(2);
        assertArrayEquals(ping, first.data());
        assertEquals(1_000_000, first.timeNanos());
        assertNull(first.comment());
        var second = (EnhancedPacket) blocks.get(3);
        assertArrayEquals(pong, second.data());
        assertEquals(2_000_000, second.timeNanos());
    }

    @Test
    void onlyTheDeliveredLengthIsCapturedNotTheWholePage() throws IOException {
        var page = new byte[4096];
        var packet = udp(A, B, "short");
        System.arraycopy(packet, 0, page, 0, packet.length);
        var bytes = new ByteArrayOutputStream();
        try (var w = new PcapngWriter(bytes)) {
            new KanCapture(w).delivered(5, A, B, page, packet.length);
        }
        assertArrayEquals(packet, ((EnhancedPacket) PcapngFile.read(bytes.toByteArray()).get(2)).data());
    }

    @Test
    void bytesChangedAfterDeliveryDoNotChangeTheCapture() throws IOException {
        var packet = udp(A, B, "before");
        var original = packet.clone();
        var bytes = new ByteArrayOutputStream();
        try (var w = new PcapngWriter(bytes)) {
            new KanCapture(w).delivered(5, A, B, packet, packet.length);
            packet[45] ^= 0x7f; // the kernel reuses the page for the next packet
        }
        assertArrayEquals(original, ((EnhancedPacket) PcapngFile.read(bytes.toByteArray()).get(2)).data());
    }

    @Test
    void forwardedPacketKeepsItsKanAddressesInTheComment() throws IOException {
        var packet = udp(REMOTE, A, "from outside");
        var bytes = new ByteArrayOutputStream();
        try (var w = new PcapngWriter(bytes)) {
            new KanCapture(w).delivered(5, ROUTER, A, packet, packet.length);
        }
        assertEquals("kan fd00:7e8e::1 -> fd00:7e8e::a", ((EnhancedPacket) PcapngFile.read(bytes.toByteArray()).get(2)).comment());
    }

    @Test
    void sameDeliveriesGiveTheSameBytes() throws IOException {
        var packets = List.of(udp(A, B, "one"), udp(B, A, "two"), udp(A, B, "three"));
        assertArrayEquals(run(packets), run(packets));
    }

    @Test
    void writeFailureStopsTheCaptureWithoutThrowingIntoTheKernelAndIsReportedByFlush() throws IOException {
        var failing = new OutputStream() {
            boolean broken;

            @Override
            public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (broken) throw new IOException("disk full");
            }
        };
        var w = new PcapngWriter(failing);
        var kan = new KanCapture(w);
        var big = new byte[60_000];
        var header = udp(A, B, "x");
        System.arraycopy(header, 0, big, 0, header.length);
        kan.delivered(1, A, B, big, big.length);
        assertEquals(1, kan.packets());
        failing.broken = true;
        // The second packet overflows the 64 KiB buffer, so it reaches the broken stream.
        assertDoesNotThrow(() -> kan.delivered(2, A, B, big, big.length));
        assertDoesNotThrow(() -> kan.delivered(3, A, B, big, big.length));
        assertEquals(1, kan.packets());
        var e = assertThrows(IOException.class, kan::flush);
        assertEquals("KAN capture stopped after 1 packets: disk full", e.getMessage());
    }
}
