package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packos.kernel.Address;
import packos.kernel.BootProcess;
import packos.kernel.BootProcess.Restart;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.link.LinkMessage;
import packos.lib.net.Datagram;
import packos.lib.net.UdpSocket;
import packos.lib.wire.MalformedPacketException;
import packos.machine.BoardDescription;
import packos.machine.wire.LoopbackPlug;
import packos.system.nic.Rtl8139Driver;

/**
 * The RTL8139 driver on a card with a loopback plug: frames go out through the transmit
 * descriptors and come back through the receive ring and the IRQ, byte for byte.
 */
class Rtl8139DriverTest {
    static final Address DRIVER = Address.parse("fd00:7e8e::4");

    static BootProcess driver() {
        return new BootProcess("driver", Rtl8139Driver.class.getName(), List.of(PciServiceTest.SERVICE.toString()), Set.of("device:00:03.0", "irq:11"),
                true, List.of("pci"));
    }

    static BootProcess user(Class<? extends Program> program, String... caps) {
        return new BootProcess("user", program.getName(), List.of(), Set.of(caps), false, List.of("pci"));
    }

    static SystemMachine machine() {
        return new SystemMachine().board(BoardDescription.withNic(new LoopbackPlug())).add(PciServiceTest.service());
    }

    /** A link user's side: attach, send frames, take frames, ask for the driver's counters. */
    static final class Link {
        final Process process;
        final UdpSocket socket;
        LinkMessage.Link link;

        Link(Process process) {
            this.process = process;
            this.socket = process.net().udp();
            socket.onError(report -> { });
        }

        /** ATTACH every 10 ms until LINK comes back: the driver may not be up yet, or may be restarting. */
        LinkMessage.Link attach() {
            for (int attempt = 0; attempt < 500; attempt++) {
                try {
                    socket.send(DRIVER, LinkMessage.DRIVER_PORT, new LinkMessage.Attach().encode());
                } catch (KernelException e) {
                    // Not created yet, or between lives: try again.
                }
                PciServiceTest.sleep(process);
                for (Datagram d; (d = socket.poll()) != null; ) {
                    if (decode(d) instanceof LinkMessage.Link l) return link = l;
                }
            }
            throw new AssertionError("no LINK from the driver after 500 ATTACHes");
        }

        void send(byte[] frame) { socket.send(DRIVER, LinkMessage.DRIVER_PORT, new LinkMessage.Frame(frame).encode()); }

        byte[] receive() {
            while (true) {
                var m = decode(socket.receive());
                if (m instanceof LinkMessage.Frame f) return f.bytes();
            }
        }

        String stats() {
            try (var s = process.net().udp()) {
                s.send(DRIVER, Rtl8139Driver.STATS_PORT, new byte[] {1});
                return s.receive().text();
            }
        }

        private static LinkMessage decode(Datagram d) {
            try {
                return LinkMessage.decode(d.data());
            } catch (MalformedPacketException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Frame {@code i}: broadcast from the card's MAC, type 0x88b5 (local experimental), 60..1514 bytes of a pattern of i. */
    static byte[] frame(int i) {
        int length = 60 + (i * 37) % 1455;
        var f = new byte[length];
        Arrays.fill(f, 0, 6, (byte) 0xff);
        byte[] mac = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
        System.arraycopy(mac, 0, f, 6, 6);
        f[12] = (byte) 0x88;
        f[13] = (byte) 0xb5;
        for (int k = 14; k < length; k++) f[k] = (byte) (i * 31 + k);
        return f;
    }

    static long counter(String stats, String name) {
        var m = Pattern.compile(name + " (\\d+)").matcher(stats);
        assertTrue(m.find(), () -> "no '" + name + "' in " + stats);
        return Long.parseLong(m.group(1));
    }

    /** A thousand frames, one at a time, each back intact: 800 KB through an 8 KiB ring, so it wraps about a hundred times. */
    public static final class OneByOne implements Program {
        @Override
        public void main(Process process) {
            var link = new Link(process);
            SystemMachine.report("link", link.attach());
            int intact = 0;
            for (int i = 0; i < 1000; i++) {
                byte[] sent = frame(i);
                link.send(sent);
                if (Arrays.equals(sent, link.receive())) intact++;
            }
            SystemMachine.report("intact", intact);
            SystemMachine.report("stats", link.stats());
        }
    }

    @ParameterizedTest(name = "real time {0}")
    @ValueSource(booleans = {false, true})
    void aThousandFramesGoOutAndComeBackByteForByteThroughTheWrappingRing(boolean realTime) {
        var m = machine().add(driver()).add(user(OneByOne.class));
        if (realTime) m.realTime();
        var outcome = m.boot().assertClean();
        LinkMessage.Link link = SystemMachine.reported("link");
        assertEquals("52:54:00:12:34:56", link.mac().toString());
        assertEquals(1500, link.mtu());
        assertTrue(link.up(), "a card with a plug in it has a link");
        assertEquals(1000, (int) SystemMachine.reported("intact"));
        String stats = SystemMachine.reported("stats");
        assertEquals(1000, counter(stats, "frames in"), stats);
        assertEquals(1000, counter(stats, "out"), stats);
        assertEquals(0, counter(stats, "rx bad header"), stats);
        assertEquals(0, counter(stats, "rx overflow"), stats);
        assertTrue(counter(stats, "interrupts") >= 1000, stats);
        assertTrue(outcome.console().contains("[driver] 1 RTL8139 card(s)"), outcome::consoleText);
        assertTrue(outcome.console().contains("[driver] RTL8139 at 00:03.0: MAC 52:54:00:12:34:56, IRQ 11"), outcome::consoleText);
    }

    /** Twenty frames at once, without lending the driver the CPU: four go into the descriptors, the rest wait for TOK. */
    public static final class Burst implements Program {
        @Override
        public void main(Process process) {
            var link = new Link(process);
            link.attach();
            process.net().kan().setYieldToRecipient(false);
            var sent = new ArrayList<byte[]>();
            for (int i = 0; i < 20; i++) {
                sent.add(frame(i));
                link.send(frame(i));
            }
            int inOrder = 0;
            for (int i = 0; i < 20; i++) if (Arrays.equals(sent.get(i), link.receive())) inOrder++;
            SystemMachine.report("in order", inOrder);
            SystemMachine.report("stats", link.stats());
        }
    }

    @Test
    void framesThatFindEveryDescriptorBusyAreQueuedAndSentOnTransmitOk() {
        machine().add(driver()).add(user(Burst.class)).boot().assertClean();
        assertEquals(20, (int) SystemMachine.reported("in order"));
        String stats = SystemMachine.reported("stats");
        assertEquals(16, counter(stats, "queued"), stats);
        assertEquals(20, counter(stats, "out"), stats);
        assertEquals(0, counter(stats, "tx queue full"), stats);
    }

    /** Garbage, a LINK (which only drivers send) and a frame from a socket that never attached; then a good frame. */
    public static final class Malformed implements Program {
        @Override
        public void main(Process process) {
            var link = new Link(process);
            link.attach();
            link.socket.send(DRIVER, LinkMessage.DRIVER_PORT, new byte[] {9, 9, 9});
            link.socket.send(DRIVER, LinkMessage.DRIVER_PORT, new byte[0]);
            link.socket.send(DRIVER, LinkMessage.DRIVER_PORT, new LinkMessage.Link(link.link.mac(), 1500, true).encode());
            try (var stranger = process.net().udp()) {
                stranger.send(DRIVER, LinkMessage.DRIVER_PORT, new LinkMessage.Frame(frame(1)).encode());
            }
            link.send(frame(2));
            SystemMachine.report("good frame back", Arrays.equals(frame(2), link.receive()));
            SystemMachine.report("stats", link.stats());
        }
    }

    @Test
    void malformedLinkMessagesAreCountedAndIgnored() {
        machine().add(driver()).add(user(Malformed.class)).boot().assertClean();
        assertEquals(true, SystemMachine.reported("good frame back"));
        String stats = SystemMachine.reported("stats");
        assertEquals(3, counter(stats, "link malformed"), stats);
        assertEquals(1, counter(stats, "tx from stranger"), stats);
        assertEquals(1, counter(stats, "frames in"), stats);
    }

    /** Exchanges frames, kills the driver (as the scheduler's kill would), waits for its restart, and exchanges again. */
    public static final class Killer implements Program {
        @Override
        public void main(Process process) {
            var link = new Link(process);
            link.attach();
            int intact = 0;
            for (int i = 0; i < 10; i++) {
                link.send(frame(i));
                if (Arrays.equals(frame(i), link.receive())) intact++;
            }
            var calls = process.sys().scheduler();
            SystemMachine.report("killed", calls.kill(calls.context(DRIVER), "test kills the driver"));
            link.attach();
            for (int i = 10; i < 20; i++) {
                link.send(frame(i));
                if (Arrays.equals(frame(i), link.receive())) intact++;
            }
            SystemMachine.report("intact", intact);
            SystemMachine.report("stats", link.stats());
        }
    }

    @Test
    void aKilledDriverIsRestartedGetsItsCardBackAndServesAgain() {
        var outcome = machine().add(driver().withRestart(Restart.onFailure(3, 10))).add(user(Killer.class, "scheduler")).boot();
        assertEquals(0, outcome.status(), outcome::consoleText);
        assertEquals(true, SystemMachine.reported("killed"));
        assertEquals(20, (int) SystemMachine.reported("intact"));
        assertEquals(2, outcome.linesContaining("[driver] RTL8139 at 00:03.0: MAC 52:54:00:12:34:56, IRQ 11").size(), outcome::consoleText);
        assertTrue(outcome.console().stream().anyMatch(l -> l.startsWith("[scheduler] process driver faulted") && l.contains("restarting")), outcome::consoleText);
        String stats = SystemMachine.reported("stats");
        assertEquals(10, counter(stats, "frames in"), "the new life counts its own frames: " + stats);
    }
}
