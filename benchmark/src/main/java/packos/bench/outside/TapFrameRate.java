package packos.bench.outside;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import packos.bench.ThroughputResult;
import packos.lib.link.RouterLink;
import packos.machine.wire.TapWire;

/**
 * Frames per second through the TAP backend alone ({@link TapWire} in this JVM, no machine
 * behind it), each way, with Linux in a network namespace at the other end of the device:
 * <ul>
 * <li>transmit: {@link TapWire#transmit} as fast as one thread calls it; the rate is what the
 *     device's receive counter in the namespace grew by, so it counts frames Linux took;</li>
 * <li>receive: a UDP flood from the namespace (a JVM running {@link UdpFlood}) to a neighbour
 *     the namespace believes is on the wire; the rate is what the wire handed its receiver.</li>
 * </ul>
 */
public final class TapFrameRate implements AutoCloseable {
    /** The card's MAC, as the outside host's neighbour entry names it. */
    private static final byte[] CARD_MAC = HexFormat.ofDelimiter(":").parseHex("52:54:00:12:34:56");
    private static final String OUTSIDE_HOST = RouterLink.PEER + "/" + RouterLink.PREFIX.length();
    private static final String PEER = RouterLink.ROUTER.toString();
    /** IEEE 802 local experimental EtherType: Linux counts such a frame and has no handler to pass it to. */
    private static final int EXPERIMENTAL_ETHERTYPE = 0x88B5;
    private static final int DISCARD_PORT = 9;
    /** Ethernet, IPv6 and UDP headers around a datagram's payload. */
    private static final int UDP_FRAME_OVERHEAD = 14 + 40 + 8;

    private final Namespace netns;
    private final TapWire wire;
    private final String device;
    private final byte[] deviceMac;
    private final LongAdder arrived = new LongAdder();
    private final PrintStream progress;

    private TapFrameRate(Namespace netns, TapWire wire, String device, byte[] deviceMac, PrintStream progress) {
        this.netns = netns;
        this.wire = wire;
        this.device = device;
        this.deviceMac = deviceMac;
        this.progress = progress;
    }

    /** Why this cannot run here (not root, no ip, no /dev/net/tun), or null. */
    public static String unavailable() throws InterruptedException {
        return LinuxCommand.missing("ip");
    }

    /** Opens a TAP device in this JVM and moves it into a fresh namespace with fd00:7e8f::1/64 on it. */
    public static TapFrameRate open(PrintStream progress) throws IOException, InterruptedException {
        var device = Namespace.tapName();
        var netns = Namespace.create("frames");
        TapWire wire = null;
        try {
            wire = TapWire.open(device);
            netns.adopt(device, OUTSIDE_HOST, Duration.ofSeconds(10));
            netns.ip("-6", "neigh", "add", PEER, "lladdr", HexFormat.ofDelimiter(":").formatHex(CARD_MAC),
                    "dev", device, "nud", "permanent");
            var mac = LinuxCommand.must(netns.inside(List.of("cat", "/sys/class/net/" + device + "/address"))
                    .toArray(String[]::new)).strip();
            var rate = new TapFrameRate(netns, wire, device, HexFormat.ofDelimiter(":").parseHex(mac), progress);
            wire.start((frame, length) -> rate.arrived.increment());
            return rate;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (wire != null) wire.close();
            netns.close();
            throw e;
        }
    }

    /** Frames of {@code frameBytes} (60..1514, no FCS) sent to the device's own MAC, counted as Linux received them. */
    public ThroughputResult transmit(int frameBytes, Duration warmUp, Duration window) throws IOException, InterruptedException {
        var frame = new byte[frameBytes];
        System.arraycopy(deviceMac, 0, frame, 0, 6);
        System.arraycopy(CARD_MAC, 0, frame, 6, 6);
        frame[12] = (byte) (EXPERIMENTAL_ETHERTYPE >> 8);
        frame[13] = (byte) EXPERIMENTAL_ETHERTYPE;
        blast(frame, warmUp);
        long before = netns.statistic(device, "rx_packets");
        long started = System.nanoTime();
        long accepted = blast(frame, window);
        double seconds = (System.nanoTime() - started) / 1e9;
        long received = netns.statistic(device, "rx_packets") - before;
        var result = new ThroughputResult("TAP transmit, " + frameBytes + " B frames", received, received * frameBytes, seconds);
        progress.printf(Locale.ROOT, "%s: %,d frames written, %,d received by Linux in %.3f s = %s%n", result.name(),
                accepted, received, seconds, result.packetRate());
        return result;
    }

    /** Writes {@code frame} as fast as it goes for {@code window}; how many writes the device took. */
    private long blast(byte[] frame, Duration window) {
        long end = System.nanoTime() + window.toNanos();
        long accepted = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 64; i++) {
                if (wire.transmit(frame, 0, frame.length)) accepted++;
            }
        }
        return accepted;
    }

    /**
     * UDP datagrams of {@code payload} bytes flooded from the namespace to fd00:7e8f::2, counted as
     * the wire delivered them; the flood runs through the warm-up and the window and a little beyond.
     */
    public ThroughputResult receive(int payload, Duration warmUp, Duration window) throws IOException, InterruptedException {
        var java = ProcessHandle.current().info().command().orElse("java");
        double floodSeconds = (warmUp.plus(window).toMillis() + 2_000) / 1000.0;
        var command = new ArrayList<>(netns.inside(List.of(java, "-cp", System.getProperty("java.class.path"),
                UdpFlood.class.getName(), PEER, Integer.toString(DISCARD_PORT), Integer.toString(payload),
                Double.toString(floodSeconds))));
        var flood = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var out = new BufferedReader(new InputStreamReader(flood.getInputStream(), StandardCharsets.UTF_8))) {
            // The JVM may print warnings first.
            var seen = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("flooding")) seen.append(line).append('\n');
            if (line == null) throw new IOException("the UDP flood did not start: " + seen.toString().strip());
            Thread.sleep(warmUp.toMillis());
            long droppedBefore = netns.statistic(device, "tx_dropped");
            long before = arrived.sum();
            long started = System.nanoTime();
            Thread.sleep(window.toMillis());
            long received = arrived.sum() - before;
            double seconds = (System.nanoTime() - started) / 1e9;
            long dropped = netns.statistic(device, "tx_dropped") - droppedBefore;
            if (!flood.waitFor((long) floodSeconds + 30, TimeUnit.SECONDS)) throw new IOException("the UDP flood did not end");
            var report = out.readLine();  // "sent N datagrams ..."
            int frameBytes = payload + UDP_FRAME_OVERHEAD;
            var result = new ThroughputResult("TAP receive, UDP " + payload + " B (" + frameBytes + " B frames)",
                    received, received * frameBytes, seconds);
            progress.printf(Locale.ROOT, "%s: %,d frames delivered in %.3f s = %s; Linux dropped %,d at the device"
                    + " meanwhile; flood: %s%n", result.name(), received, seconds, result.packetRate(), dropped, report);
            return result;
        } finally {
            flood.destroyForcibly();
        }
    }

    @Override
    public void close() {
        wire.close();
        netns.close();
    }
}
