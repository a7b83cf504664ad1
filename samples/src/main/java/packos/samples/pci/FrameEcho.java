package packos.samples.pci;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import packos.kernel.Address;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.link.DriverStats;
import packos.lib.link.LinkMessage;
import packos.lib.net.Datagram;
import packos.lib.net.Pollable;
import packos.lib.net.UdpSocket;
import packos.lib.wire.MalformedPacketException;
import packos.machine.nic.MacAddress;

/**
 * The pci sample's user of the card (arguments: the driver's address, and how many frames, 8 by
 * default): attaches to the RTL8139 driver, sends broadcast frames of EtherType 0x88b5 (IEEE's
 * local experimental type) and waits for each to come back through the card's loopback plug, the
 * receive ring and the card's IRQ. Ends cleanly once every frame came back intact, and faults
 * (status 1) on the first one that is lost or changed.
 */
public final class FrameEcho implements Program {
    static final int ETHERTYPE = 0x88b5;
    /** Machine time to wait for a LINK, and for each frame to come back. */
    static final long ATTACH_RETRY_MICROS = 100_000, ECHO_TIMEOUT_MICROS = 1_000_000;
    static final int ATTACH_TRIES = 50;

    @Override
    public void main(Process process) {
        if (process.args().isEmpty() || process.args().size() > 2) {
            throw new IllegalArgumentException("usage: FrameEcho DRIVER_ADDRESS [FRAMES] (got " + process.args() + ")");
        }
        Address driver = Address.parse(process.args().get(0));
        int count = Integer.parseInt(process.arg(1, "8"));
        if (count < 1 || count > 10_000) throw new IllegalArgumentException("frames: " + count + " is not in 1..10000");
        var socket = process.net().udp();
        socket.onError(report -> { });

        var link = attach(process, socket, driver);
        process.print("attached to the driver at %s: MAC %s, MTU %d, link %s".formatted(driver, link.mac(), link.mtu(), link.up() ? "up" : "down"));
        for (int i = 0; i < count; i++) {
            byte[] out = frame(link.mac(), i);
            process.print("frame out: " + describe(out));
            socket.send(driver, LinkMessage.DRIVER_PORT, new LinkMessage.Frame(out).encode());
            byte[] in = awaitFrame(process, socket, i);
            process.print("frame in:  " + describe(in));
            if (!Arrays.equals(out, in)) throw new IllegalStateException("frame " + i + " came back changed");
        }
        process.print(count + " frames out, " + count + " back intact");
        process.print("driver counters: " + stats(process, driver));
    }

    /** ATTACH until LINK comes back: the driver may still be starting (it runs after the PCI service). */
    private static LinkMessage.Link attach(Process process, UdpSocket socket, Address driver) {
        for (int i = 0; i < ATTACH_TRIES; i++) {
            try {
                socket.send(driver, LinkMessage.DRIVER_PORT, new LinkMessage.Attach().encode());
            } catch (KernelException e) {
                // Not there yet: the next try may find it.
            }
            try (var timer = process.net().timer(ATTACH_RETRY_MICROS, false)) {
                var poller = process.net().poller().add(socket, Pollable.READABLE).add(timer, Pollable.READABLE);
                while (true) {
                    poller.poll();
                    for (Datagram d; (d = socket.poll()) != null; ) if (decode(d) instanceof LinkMessage.Link l) return l;
                    if (timer.readyOps() != 0) break;
                }
            }
        }
        throw new IllegalStateException("no answer from the RTL8139 driver at " + driver + " after " + ATTACH_TRIES + " ATTACHes");
    }

    private static byte[] awaitFrame(Process process, UdpSocket socket, int i) {
        try (var timer = process.net().timer(ECHO_TIMEOUT_MICROS, false)) {
            var poller = process.net().poller().add(socket, Pollable.READABLE).add(timer, Pollable.READABLE);
            while (true) {
                poller.poll();
                for (Datagram d; (d = socket.poll()) != null; ) if (decode(d) instanceof LinkMessage.Frame f) return f.bytes();
                if (timer.readyOps() != 0) throw new IllegalStateException("frame " + i + " did not come back within 1 s");
            }
        }
    }

    private static LinkMessage decode(Datagram d) {
        try {
            return LinkMessage.decode(d.data());
        } catch (MalformedPacketException e) {
            return null;
        }
    }

    /** Frame i: broadcast from our card, 60 bytes for the first and 200 more for each next one, a greeting then a pattern. */
    static byte[] frame(MacAddress source, int i) {
        int length = Math.min(60 + 200 * i, LinkMessage.MAX_FRAME);
        var f = new byte[length];
        MacAddress.BROADCAST.toBytes(f, 0);
        source.toBytes(f, 6);
        f[12] = (byte) (ETHERTYPE >>> 8);
        f[13] = (byte) ETHERTYPE;
        byte[] text = ("PackOS frame " + i).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, f, 14, text.length);
        for (int k = 14 + text.length; k < length; k++) f[k] = (byte) (k * 7 + i);
        return f;
    }

    static String describe(byte[] f) {
        return "%d bytes %s -> %s type 0x%04x".formatted(f.length, MacAddress.of(f, 6), MacAddress.of(f, 0), (f[12] & 0xFF) << 8 | f[13] & 0xFF);
    }

    private static String stats(Process process, Address driver) {
        try (var s = process.net().udp()) {
            s.send(driver, DriverStats.PORT, new byte[] {1});
            try (var timer = process.net().timer(ECHO_TIMEOUT_MICROS, false)) {
                var poller = process.net().poller().add(s, Pollable.READABLE).add(timer, Pollable.READABLE);
                poller.poll();
                var d = s.poll();
                return d != null ? d.text() : "(no answer)";
            }
        }
    }
}
