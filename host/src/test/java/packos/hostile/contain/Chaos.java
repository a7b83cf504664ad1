package packos.hostile.contain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import packos.kernel.Address;
import packos.kernel.KernelException;
import packos.kernel.Packet;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.wire.UdpDatagram;

/**
 * Each life waits 10 or 20 ms, then does one hostile thing chosen from the machine's seeded random
 * source, usually ending in a fault: an uncaught exception, a packet used after sending, its
 * packet quota or heap exhausted, a spoofed source, a flood of junk at the service (argument:
 * its address), privileged calls without capabilities, forged kernel notices, an exception
 * storm, a busy loop; or, one life in twelve, a clean exit. Meant to run under restart=always.
 */
public final class Chaos implements Program {
    @Override
    public void main(Process self) throws Exception {
        var sys = self.sys();
        var service = Address.parse(self.arg(0, "fd00:7e8e::3"));
        var socket = self.net().udp();
        self.timers().open(socket, 1, 10_000 * (1 + Long.remainderUnsigned(sys.random(), 2)), false);
        socket.receive();
        int act = (int) Long.remainderUnsigned(sys.random(), 12);
        switch (act) {
            case 0 -> throw new IllegalStateException("chaos");
            case 1 -> {
                var p = datagram(self, self.address(), service, "req dead");
                sys.send(p, false);
                p.length();
            }
            case 2 -> {
                var hoard = new ArrayList<Packet>();
                while (true) hoard.add(sys.allocate());
            }
            case 3 -> {
                var p = datagram(self, service, service, "req spoofed");
                try {
                    sys.send(p, false);
                } catch (KernelException e) {
                    throw new IllegalStateException("spoof refused: " + e.code().displayName());
                }
            }
            case 4 -> {
                byte[] junk = new byte[64];
                int sent = 0;
                for (int i = 0; i < 100; i++) {
                    junk[0] = (byte) i;
                    if (socket.trySend(service, 7, junk, 0, junk.length)) sent++;
                }
                throw new IllegalStateException("flooded the service with " + sent + " junk datagrams");
            }
            case 5 -> {
                try {
                    sys.registerInterrupt(0, 5000);
                } catch (KernelException e) {
                    throw new IllegalStateException("irq refused: " + e.code().displayName());
                }
                throw new IllegalStateException("registered the clock without irq:0");
            }
            case 6 -> {
                try {
                    sys.scheduler();
                } catch (KernelException e) {
                    throw new IllegalStateException("scheduler refused: " + e.code().displayName());
                }
            }
            case 7 -> {
                var notice = ByteBuffer.allocate(9).putInt((int) Long.remainderUnsigned(sys.random(), 16)).put((byte) 1)
                        .put("fake".getBytes(StandardCharsets.UTF_8)).array();
                socket.send(sys.schedulerAddress(), 7001, notice);
                throw new IllegalStateException("forged a notice");
            }
            case 8 -> {
                int caught = 0;
                for (int i = 0; i < 200; i++) {
                    try {
                        throw new IllegalArgumentException("storm");
                    } catch (IllegalArgumentException e) {
                        caught++;
                    }
                }
                throw new IllegalStateException("storm of " + caught);
            }
            case 9 -> {
                // A heap limit stops this long before the bound; the bound keeps an uninstrumented run safe.
                var eaten = new ArrayList<byte[]>();
                for (int i = 0; i < 64; i++) eaten.add(new byte[64 << 10]);
                throw new IllegalStateException("ate " + eaten.size() * 64 + " KiB without a heap limit");
            }
            case 10 -> {
                long x = 0;
                for (int i = 0; i < 20_000; i++) x += i ^ (x >>> 3);
                throw new IllegalStateException("busy for a while: " + (x & 1));
            }
            default -> {
                // A clean exit.
            }
        }
    }

    private static Packet datagram(Process self, Address source, Address to, String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        var p = self.sys().allocate();
        UdpDatagram.emit(p, source, 7, to, 7, data, 0, data.length, 64);
        p.setKanDestination(to);
        return p;
    }
}
