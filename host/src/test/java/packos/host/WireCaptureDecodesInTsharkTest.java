package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --pcap} and a wire, the capture has a second interface, Ethernet,
 * named after the card, holding the frames that cross the wire; tshark decodes them cleanly.
 * The test is the far end of a UDP wire and sends ICMPv6 echo requests to the card.
 */
@Timeout(120)
class WireCaptureDecodesInTsharkTest {
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("::1");

    @BeforeEach
    void needsTshark() {
        Tshark.assumeInstalled();
    }

    @Test
    void framesFromTheWireAreInTheCaptureOnAnEthernetInterface(@TempDir Path dir) throws Exception {
        var pcap = dir.resolve("wire.pcapng");
        int cardPort = freePort();
        try (var far = DatagramChannel.open(StandardProtocolFamily.INET6).bind(new InetSocketAddress(LOOPBACK, 0))) {
            int farPort = ((InetSocketAddress) far.getLocalAddress()).getPort();
            String wire = "udp:[::1]:" + cardPort + ",[::1]:" + farPort;
            var done = new AtomicBoolean();
            var sent = new AtomicInteger();
            // The card's side of the wire opens during boot; keep sending until the run ends (timer lasts 1 s).
            var sender = Thread.ofPlatform().start(() -> {
                var card = new InetSocketAddress(LOOPBACK, cardPort);
                try {
                    while (!done.get()) {
                        int n = sent.get();
                        far.send(ByteBuffer.wrap(echoRequest(n % 2 == 0 ? "ff:ff:ff:ff:ff:ff" : "52:54:00:12:34:56", n)), card);
                        sent.incrementAndGet();
                        Thread.sleep(20);
                    }
                } catch (IOException | InterruptedException e) {
                    // the run is over
                }
            });
            PackosCommand.Result run;
            try {
                run = PackosCommand.run("run", "timer", "--wire", wire, "--pcap", pcap.toString());
            } finally {
                done.set(true);
                sender.join();
            }
            assertEquals(0, run.status(), run::transcript);
        }
        var frames = Tshark.fields(pcap, "frame.number", "frame.interface_name", "frame.protocols", "eth.dst", "icmpv6.type",
                "icmpv6.checksum.status");
        var ethernet = frames.stream().filter(f -> f[1].startsWith("eth0 ")).toList();
        assertFalse(ethernet.isEmpty(), () -> "no frame on the Ethernet interface: " + frames.stream().map(f -> String.join("|", f)).toList());
        for (var f : ethernet) {
            String line = String.join("|", f);
            assertTrue(f[1].startsWith("eth0 (RTL8139 at 00:03.0, udp:"), line);
            assertEquals("eth:ethertype:ipv6:icmpv6:data", f[2], line);
            assertEquals("128", f[4], line);
            assertEquals("1", f[5], () -> "bad ICMPv6 checksum: " + line);
        }
        // Frames sent before the card's side of the wire opened are lost; every other one is broadcast.
        assertTrue(ethernet.stream().anyMatch(f -> f[3].equals("ff:ff:ff:ff:ff:ff")), "a broadcast frame is in the capture");
        assertTrue(ethernet.stream().anyMatch(f -> f[3].equals("52:54:00:12:34:56")), "a frame to the card's MAC is in the capture");
        assertTrue(frames.stream().anyMatch(f -> f[1].equals("kan")), "the KAN interface is still there");
        var expert = Tshark.expertSummary(pcap);
        assertFalse(expert.toLowerCase().contains("malformed"), expert);
    }

    /** Ethernet II, IPv6 fe80::2 to ff02::1 (or the card), ICMPv6 echo request with 8 bytes of data and a valid checksum. */
    static byte[] echoRequest(String destinationMac, int sequence) {
        var frame = ByteBuffer.allocate(14 + 40 + 16);
        frame.put(HexFormat.ofDelimiter(":").parseHex(destinationMac));
        frame.put(HexFormat.ofDelimiter(":").parseHex("02:00:00:00:00:02"));
        frame.putShort((short) 0x86DD);
        byte[] source = new byte[16], destination = new byte[16];
        source[0] = (byte) 0xfe; source[1] = (byte) 0x80; source[15] = 2;
        destination[0] = (byte) 0xff; destination[1] = 2; destination[15] = 1;
        frame.putInt(0x6000_0000).putShort((short) 16).put((byte) 58).put((byte) 255).put(source).put(destination);
        int icmp = frame.position();
        frame.put((byte) 128).put((byte) 0).putShort((short) 0).putShort((short) 0x1234).putShort((short) sequence);
        frame.put("packos!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] bytes = frame.array();
        long sum = 0;
        for (int i = 0; i < 16; i += 2) sum += ((source[i] & 0xff) << 8 | (source[i + 1] & 0xff)) + ((destination[i] & 0xff) << 8 | (destination[i + 1] & 0xff));
        sum += 16 + 58;
        for (int i = icmp; i < bytes.length; i += 2) sum += (bytes[i] & 0xff) << 8 | (bytes[i + 1] & 0xff);
        while (sum >> 16 != 0) sum = (sum & 0xffff) + (sum >> 16);
        int checksum = ~(int) sum & 0xffff;
        bytes[icmp + 2] = (byte) (checksum >> 8);
        bytes[icmp + 3] = (byte) checksum;
        return bytes;
    }

    /** A UDP port on [::1] nobody holds now: bound, then released, for the card's side of the wire. */
    private static int freePort() throws IOException {
        try (var probe = DatagramChannel.open(StandardProtocolFamily.INET6).bind(new InetSocketAddress(LOOPBACK, 0))) {
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }
}
