package packos.host.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packos.host.capture.PcapngFile.EnhancedPacket;
import packos.host.capture.PcapngFile.InterfaceDescription;
import packos.host.capture.PcapngFile.Section;

class PcapngWriterTest {
    interface Script {
        void run(PcapngWriter w) throws IOException;
    }

    static byte[] capture(Script script) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var w = new PcapngWriter(bytes)) {
            script.run(w);
        }
        return bytes.toByteArray();
    }

    static byte[] counting(int n) {
        var b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i + 1);
        return b;
    }

    @Test
    void emptyCaptureIsExactlyOneOptionlessLittleEndianSectionHeader() throws IOException {
        var bytes = capture(w -> {});
        assertEquals("0a0d0d0a" + "1c000000" + "4d3c2b1a" + "0100" + "0000" + "ffffffffffffffff" + "1c000000",
                HexFormat.of().formatHex(bytes));
        assertEquals(List.of(), ((Section) PcapngFile.read(bytes).getFirst()).options().keySet().stream().toList());
    }

    @Test
    void interfacesGetIdsInOrderWithTheirNameLinkTypeSnapLenAndNanosecondResolution() throws IOException {
        var ids = new int[2];
        var bytes = capture(w -> {
            ids[0] = w.addInterface(PcapngWriter.LINKTYPE_IPV6, "kan", 65535);
            ids[1] = w.addInterface(PcapngWriter.LINKTYPE_ETHERNET, "eth0-tap", 1514);
        });
        assertArrayEquals(new int[] {0, 1}, ids);
        var blocks = PcapngFile.read(bytes);
        assertEquals(3, blocks.size());
        var kan = assertInstanceOf(InterfaceDescription.class, blocks.get(1));
        assertEquals(229, kan.linkType());
        assertEquals(65535, kan.snapLen());
        assertEquals("kan", kan.name());
        assertEquals(9, kan.tsresol());
        var eth = assertInstanceOf(InterfaceDescription.class, blocks.get(2));
        assertEquals(1, eth.linkType());
        assertEquals(1514, eth.snapLen());
        assertEquals("eth0-tap", eth.name());
        assertEquals(9, eth.tsresol());
    }

    @Test
    void packetsOfEveryLengthModuloFourReadBackPaddedAndAligned() throws IOException {
        var bytes = capture(w -> {
            int kan = w.addInterface(PcapngWriter.LINKTYPE_IPV6, "kan", 0);
            for (int len = 0; len <= 8; len++) w.write(kan, 1000L * len, counting(len), 0, len);
        });
        var blocks = PcapngFile.read(bytes);
        assertEquals(1 + 1 + 9, blocks.size());
        for (int len = 0; len <= 8; len++) {
            var p = assertInstanceOf(EnhancedPacket.class, blocks.get(2 + len));
            assertEquals(0, p.interfaceId());
            assertEquals(len, p.capturedLength());
            assertEquals(len, p.originalLength());
            assertArrayEquals(counting(len), p.data());
            assertEquals(1000L * len, p.timeNanos());
            assertEquals(java.util.Map.of(), p.options());
        }
    }

    @Test
    void timestampIsNanosecondsSplitIntoHighAndLowWords() throws IOException {
        long t = 0x0000_0123_8000_0005L; // past 2^32 ns (about 4.3 s), low word with its top bit set
        var bytes = capture(w -> w.write(w.addInterface(PcapngWriter.LINKTYPE_IPV6, "kan", 0), t, new byte[4], 0, 4));
        var p = (EnhancedPacket) PcapngFile.read(bytes).get(2);
        assertEquals(0x123L, p.timestampHigh());
        assertEquals(0x8000_0005L, p.timestampLow());
        assertEquals(t, p.timeNanos());
    }

    @Test
    void onlyTheGivenSliceOfTheArrayIsWritten() throws IOException {
        var bytes = capture(w -> w.write(w.addInterface(PcapngWriter.LINKTYPE_IPV6, "kan", 0), 7, counting(10), 3, 5));
        assertArrayEquals(new byte[] {4, 5, 6, 7, 8}, ((EnhancedPacket) PcapngFile.read(bytes).get(2)).data());
    }

    @Test
    void packetLongerThanSnapLenIsCutButKeepsItsOriginalLength() throws IOException {
        var bytes = capture(w -> {
            int eth = w.addInterface(PcapngWriter.LINKTYPE_ETHERNET, "eth0", 6);
            w.write(eth, 1, counting(9), 0, 9);
            w.write(eth, 2, counting(6), 0, 6);
        });
        var cut = (EnhancedPacket) PcapngFile.read(bytes).get(2);
        assertEquals(6, cut.capturedLength());
        assertEquals(9, cut.originalLength());
        assertArrayEquals(counting(6), cut.data());
        var whole = (EnhancedPacket) PcapngFile.read(bytes).get(3);
        assertEquals(6, whole.capturedLength());
        assertEquals(6, whole.originalLength());
    }

    @Test
    void commentIsAnOptCommentOptionEndedByEndOfOptions() throws IOException {
        var bytes = capture(w -> {
            int kan = w.addInterface(PcapngWriter.LINKTYPE_IPV6, "kan", 0);
            w.write(kan, 1, counting(3), 0, 3, "forwarded by the router é");
            w.write(kan, 2, counting(3), 0, 3, null);
        });
        var blocks = PcapngFile.read(bytes);
        assertEquals("forwarded by the router é", ((EnhancedPacket) blocks.get(2)).comment());
        assertNull(((EnhancedPacket) blocks.get(3)).comment());
    }

    @Test
    void twoWritersFedTheSamePacketsWriteIdenticalBytes() throws IOException {
        Script script = w -> {
            int kan = w.addInterface(PcapngWriter.LINKTYPE_IPV6, "kan", 65535);
            int eth = w.addInterface(PcapngWriter.LINKTYPE_ETHERNET, "eth0", 1514);
            for (int i = 0; i < 50; i++) {
                w.write(i % 3 == 0 ? eth : kan, 10_000_000L * i, counting(40 + i), 0, 40 + i, i % 7 == 0 ? "note " + i : null);
            }
        };
        assertArrayEquals(capture(script), capture(script));
    }

    @Test
    void fileOutputMatchesStreamOutput(@TempDir Path dir) throws IOException {
        Script script = w -> w.write(w.addInterface(PcapngWriter.LINKTYPE_IPV6, "kan", 65535), 5, counting(60), 0, 60);
        var file = dir.resolve("out.pcapng");
        try (var w = PcapngWriter.create(file)) {
            script.run(w);
        }
        assertArrayEquals(capture(script), Files.readAllBytes(file));
    }

    @Test
    void flushPushesBufferedBlocksToTheStream() throws IOException {
        var bytes = new ByteArrayOutputStream();
        var w = new PcapngWriter(bytes);
        w.addInterface(PcapngWriter.LINKTYPE_IPV6, "kan", 0);
        assertEquals(0, bytes.size());
        w.flush();
        assertEquals(2, PcapngFile.read(bytes.toByteArray()).size());
        w.close();
    }

    @Test
    void misuseIsRefusedWithAReason() throws IOException {
        var w = new PcapngWriter(new ByteArrayOutputStream());
        int kan = w.addInterface(PcapngWriter.LINKTYPE_IPV6, "kan", 0);
        var unknown = assertThrows(IllegalArgumentException.class, () -> w.write(1, 0, new byte[1], 0, 1));
        assertEquals("interface 1 was never added (1 interfaces)", unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.write(kan, -1, new byte[1], 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> w.write(kan, 0, new byte[1], 0, 2));
        assertThrows(IllegalArgumentException.class, () -> w.addInterface(70000, "x", 0));
        assertThrows(IllegalArgumentException.class, () -> w.addInterface(1, "x", -1));
        w.close();
        w.close();
        assertEquals("capture is closed", assertThrows(IOException.class, () -> w.write(kan, 0, new byte[1], 0, 1)).getMessage());
    }
}
