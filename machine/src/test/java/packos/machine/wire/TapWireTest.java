package packos.machine.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real TAP device, moved into a network namespace this test makes, so Linux on the far side
 * of the wire is a host of our own with nothing else on its link. The descriptor stays valid
 * across the move: the wire keeps working while the device lives in the namespace.
 *
 * <p>Needs root (CAP_NET_ADMIN), /dev/net/tun and iproute2's {@code ip}; skips with the reason otherwise.
 */
class TapWireTest {
    private static final byte[] OUR_MAC = HexFormat.ofDelimiter(":").parseHex("02:00:00:00:00:02");
    private static final byte[] LINUX_IP = Frames.ipv6("fd00:7e8e:99::1");
    private static final byte[] OUR_IP = Frames.ipv6("fd00:7e8e:99::2");

    private String device;
    private String namespace;
    private TapWire wire;
    private final BlockingQueue<byte[]> arrived = new LinkedBlockingQueue<>();

    @BeforeEach
    void needsRootAndTun() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "no /dev/net/tun: this kernel or container has no TUN/TAP driver");
        assumeTrue(isRoot(), "not root: creating a TAP device and a network namespace needs CAP_NET_ADMIN");
        assumeTrue(run(List.of("ip", "-V")).exit == 0, "iproute2's ip is not installed");
        var tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        device = "pkw" + tag;           // 11 characters: within IFNAMSIZ
        namespace = "packos-wire-" + tag;
    }

    private static boolean isRoot() throws Exception {
        var id = run(List.of("id", "-u"));
        return id.exit == 0 && id.output.strip().equals("0");
    }

    @AfterEach
    void removeNamespaceAndDevice() throws Exception {
        if (wire != null) wire.close();  // a device this wire created vanishes with its descriptor
        if (namespace != null) run(List.of("ip", "netns", "del", namespace));
        if (device != null) run(List.of("ip", "link", "del", device));  // in case it never left the root namespace
    }

    /** Opens the wire, moves its device into a fresh namespace and gives Linux there an address. */
    private void wireIntoNamespace() throws Exception {
        wire = TapWire.open(device);
        wire.start((frame, length) -> arrived.add(Arrays.copyOf(frame, length)));
        ok("ip", "netns", "add", namespace);
        ok("ip", "link", "set", device, "netns", namespace);
        ok("ip", "-n", namespace, "link", "set", device, "up");
        ok("ip", "-n", namespace, "addr", "add", "fd00:7e8e:99::1/64", "dev", device, "nodad");
    }

    @Test
    void createsTheDeviceAndBringsItUp() throws Exception {
        wire = TapWire.open(device);
        assertEquals("tap:" + device, wire.describe());
        assertTrue(wire.advice().isEmpty(), () -> wire.advice().orElseThrow());
        var link = run(List.of("ip", "-d", "link", "show", device)).output;
        assertTrue(link.contains("tun type tap"), link);
        assertTrue(link.contains("<BROADCAST,MULTICAST,UP"), link);
    }

    @Test
    void aFrameLinuxSendsArrivesAtTheWire() throws Exception {
        wireIntoNamespace();
        // A program in the namespace sends to a neighbour on the link: Linux must first ask for
        // its MAC address, with a Neighbor Solicitation to the solicited-node multicast group.
        ok("ip", "netns", "exec", namespace, "bash", "-c", "echo packos > /dev/udp/fd00:7e8e:99::2/7");
        var solicitation = await(f -> Frames.isIcmpv6(f, 135) && Arrays.equals(Frames.ndTarget(f), OUR_IP));
        assertArrayEquals(HexFormat.ofDelimiter(":").parseHex("33:33:ff:00:00:02"), Arrays.copyOf(solicitation, 6));
        assertArrayEquals(LINUX_IP, Arrays.copyOfRange(solicitation, 22, 38), "source: Linux's address");
        assertTrue(wire.counters().framesIn() >= 1);
        assertTrue(wire.counters().bytesIn() >= solicitation.length);
    }

    @Test
    void linuxLearnsOurAddressFromAnAdvertisementAndSendsWhatItHeld() throws Exception {
        wireIntoNamespace();
        ok("ip", "netns", "exec", namespace, "bash", "-c", "echo packos > /dev/udp/fd00:7e8e:99::2/7");
        var solicitation = await(f -> Frames.isIcmpv6(f, 135) && Arrays.equals(Frames.ndTarget(f), OUR_IP));
        var linuxMac = Arrays.copyOfRange(solicitation, 6, 12);

        var advertisement = Frames.ethernet(linuxMac, OUR_MAC,
                Frames.icmpv6(OUR_IP, LINUX_IP, 255, Frames.neighborAdvertisement(OUR_IP, OUR_MAC)));
        assertTrue(wire.transmit(advertisement, 0, advertisement.length));

        // Linux answers by sending the datagram it queued while it asked.
        var datagram = await(f -> Frames.isUdp(f) && Arrays.equals(Arrays.copyOf(f, 6), OUR_MAC));
        assertEquals("packos\n", new String(datagram, 62, datagram.length - 62, StandardCharsets.US_ASCII));
        var neighbours = run(List.of("ip", "-n", namespace, "-6", "neigh", "show", "dev", device)).output;
        assertTrue(neighbours.contains("fd00:7e8e:99::2 lladdr 02:00:00:00:00:02"), neighbours);
        assertEquals(1, wire.counters().framesOut());
        assertEquals(advertisement.length, wire.counters().bytesOut());
    }

    @Test
    void anEchoRequestWeWriteIsAnsweredByLinux() throws Exception {
        wireIntoNamespace();
        // Linux may only answer once it knows our MAC; a Neighbor Solicitation from us with our
        // link-layer address teaches it (RFC 4861 7.2.3), and it advertises itself back.
        var solicit = Frames.ethernet(HexFormat.ofDelimiter(":").parseHex("33:33:ff:00:00:01"), OUR_MAC,
                Frames.icmpv6(OUR_IP, Frames.ipv6("ff02::1:ff00:1"), 255, Frames.neighborSolicitation(LINUX_IP, OUR_MAC)));
        // A solicitation that lands while Linux is still bringing the device up goes unanswered:
        // retransmit it as NDP itself does (RFC 4861 RetransTimer, 1 s), up to ten times.
        byte[] advertisement = null;
        for (int attempt = 0; attempt < 10 && advertisement == null; attempt++) {
            assertTrue(wire.transmit(solicit, 0, solicit.length));
            advertisement = awaitFor(f -> Frames.isIcmpv6(f, 136) && Arrays.equals(Frames.ndTarget(f), LINUX_IP), 1);
        }
        assertNotNull(advertisement, () -> "Linux never advertised itself; " + wire.counters());
        var linuxMac = Arrays.copyOfRange(advertisement, 6, 12);

        var payload = "ping from a PackOS wire".getBytes(StandardCharsets.US_ASCII);
        var request = Frames.ethernet(linuxMac, OUR_MAC, Frames.icmpv6(OUR_IP, LINUX_IP, 64, Frames.echoRequest(0x7e8e, 1, payload)));
        assertTrue(wire.transmit(request, 0, request.length));
        var reply = await(f -> Frames.isIcmpv6(f, 129));
        assertArrayEquals(OUR_IP, Arrays.copyOfRange(reply, 38, 54), "reply to us");
        assertEquals(0x7e8e, ByteBuffer.wrap(reply, 58, 2).getShort() & 0xffff, "identifier");
        assertArrayEquals(payload, Arrays.copyOfRange(reply, 62, reply.length), "echoed data");
    }

    @Test
    void framesLongerThanAnEthernetFrameAreRefused() throws Exception {
        wire = TapWire.open(device);
        assertFalse(wire.transmit(new byte[EthernetWire.MAX_FRAME + 1], 0, EthernetWire.MAX_FRAME + 1));
        assertFalse(wire.transmit(new byte[10], 0, 10));
        assertEquals(2, wire.counters().droppedOut());
        assertEquals(0, wire.counters().framesOut());
    }

    @Test
    void closeStopsTheReaderAndRemovesTheDeviceItCreated() throws Exception {
        wire = TapWire.open(device);
        wire.start((frame, length) -> {});
        var reader = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("wire tap:" + device)).findFirst().orElseThrow();
        assertTrue(reader.isDaemon());
        assertFalse(reader.isVirtual());
        long started = System.nanoTime();
        wire.close();
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "close waits at most one poll timeout");
        assertFalse(reader.isAlive());
        assertFalse(wire.transmit(new byte[60], 0, 60));
        assertTrue(run(List.of("ip", "link", "show", device)).exit != 0, "the device went with the descriptor");
        wire.close();  // idempotent
    }

    @Test
    void aDeviceInUseIsReportedWithTheCause() throws Exception {
        wire = TapWire.open(device);
        var error = assertThrows(IOException.class, () -> TapWire.open(device));
        assertTrue(error.getMessage().startsWith("tap:" + device + ": cannot attach to the device: "), error.getMessage());
        assertTrue(error.getMessage().contains("another process holds it"), error.getMessage());
    }

    @Test
    void withoutPrivilegeEachRefusalNamesItsCauseAndTheFix() throws Exception {
        assumeTrue(run(List.of("setpriv", "--version")).exit == 0 && run(List.of("unshare", "--version")).exit == 0,
                "setpriv and unshare (util-linux) are needed to run a probe as an unprivileged user");
        var classes = Path.of(TapWire.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        var testClasses = Path.of(TapOpenProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        var classPath = classes + java.io.File.pathSeparator + testClasses;
        var java = ProcessHandle.current().info().command().orElseThrow();
        var asNobody = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
        assumeTrue(run(List.of("sh", "-c", asNobody + "test -r " + testClasses.resolve("packos/machine/wire/TapOpenProbe.class"))).exit == 0,
                "the unprivileged user cannot read the build output under " + testClasses);
        var probe = asNobody + java + " --enable-native-access=ALL-UNNAMED -cp " + classPath + " packos.machine.wire.TapOpenProbe ";

        // Where /dev/net/tun is root's alone (as on this project's machines), that is the first refusal.
        if (run(List.of("sh", "-c", asNobody + "test -w /dev/net/tun")).exit != 0) {
            assertEquals(("tap:%s: cannot open /dev/net/tun: Permission denied (run as root, or create the device with `ip tuntap add %s mode tap user $USER`"
                    + " and let this user read and write /dev/net/tun)")
                    .formatted(device, device), run(List.of("sh", "-c", probe + device)).output.strip());
        }

        // With /dev/net/tun open to all (a private mount, so the host's stays as it is): a device
        // made for the user can be attached to but not brought up; a missing one cannot be made.
        var node = Files.createTempDirectory("packos-tun").resolve("tun");
        var own = device + "u";
        try {
            ok("mknod", "-m", "0666", node.toString(), "c", "10", "200");
            ok("ip", "tuntap", "add", own, "mode", "tap", "user", "65534");
            var output = run(List.of("unshare", "--mount", "sh", "-c",
                    "mount --bind " + node + " /dev/net/tun && " + probe + own + " && " + probe + device)).output.strip().split("\n");
            assertEquals("tap:%s: the link is down and this process may not bring it up (Operation not permitted): run `ip link set %s up`"
                    .formatted(own, own), output[0]);
            assertEquals("tap:%s: cannot attach to the device: Operation not permitted (run as root, or create the device with `ip tuntap add %s mode tap user $USER`)"
                    .formatted(device, device), output[1]);
        } finally {
            run(List.of("ip", "link", "del", own));
            Files.deleteIfExists(node);
            Files.deleteIfExists(node.getParent());
        }
    }

    /** Waits for a frame that {@code wanted} accepts, passing over the rest (MLD reports, router solicitations). */
    private byte[] await(Predicate<byte[]> wanted) throws InterruptedException {
        var frame = awaitFor(wanted, 10);
        if (frame == null) throw new AssertionError("no such frame within 10 s; " + wire.counters());
        return frame;
    }

    /** The first frame that is {@code wanted} within {@code seconds}, or null. */
    private byte[] awaitFor(Predicate<byte[]> wanted, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            var frame = arrived.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && wanted.test(frame)) return frame;
        }
        return null;
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static void ok(String... command) throws IOException, InterruptedException {
        var result = run(List.of(command));
        assertEquals(0, result.exit, () -> String.join(" ", command) + ": " + result.output);
    }
}
