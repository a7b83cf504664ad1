package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.SplittableRandom;
import packos.kernel.Address;
import packos.kernel.KernelException;
import packos.kernel.Packet;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Pollable;
import packos.lib.net.Ready;
import packos.lib.net.TcpSocket;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.TcpHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hostile peer throws ten thousand random and malformed TCP segments at a server (its listener,
 * a connection of its own, random ports) while an honest client streams a megabyte through the
 * same server: the server never faults, drops and counts the garbage, and the honest stream
 * arrives byte for byte.
 */
@Timeout(120)
class TcpFuzzOverKanTest {
    static final Address SERVER = Address.parse("fd00:7e8e::3");
    static final Address HONEST = Address.parse("fd00:7e8e::4");
    static final int PORT = 7777;
    static final int BYTES = 1_000_000;

    /** Echoes every connection from one poll loop; ends when the honest client's connection ends. */
    public static final class PollingEchoServer implements Program {
        @Override
        public void main(Process self) {
            var net = self.net();
            var l = net.listen(PORT, 16);
            var poller = net.poller().add(l, Pollable.READABLE);
            var pending = new HashMap<TcpSocket, byte[]>();
            var buffer = new byte[64 * 1024];
            boolean honestDone = false;
            while (!honestDone) {
                for (Ready r : poller.poll()) {
                    if (r.source() == l) {
                        for (TcpSocket c; (c = l.tryAccept()) != null; ) poller.add(c, Pollable.READABLE);
                        continue;
                    }
                    var c = (TcpSocket) r.source();
                    int n;
                    try {
                        n = r.failed() ? -1 : c.tryRead(buffer, 0, buffer.length);
                    } catch (KernelException e) {
                        n = -1;
                    }
                    if (n < 0) {
                        if (c.remoteAddress().equals(HONEST)) honestDone = true;
                        poller.remove(c);
                        c.abort();
                        continue;
                    }
                    if (n > 0) c.write(buffer, 0, n);
                }
            }
            SystemMachine.report("server.malformed", net.stats().malformed() + net.stats().badChecksum());
            SystemMachine.report("server.resets", net.stats().tcpResetsSent());
        }
    }

    public static final class HonestClient implements Program {
        @Override
        public void main(Process self) {
            var data = TcpOverKanTest.pattern(99, BYTES);
            var back = new byte[BYTES];
            try (TcpSocket s = self.net().connect(SERVER, PORT)) {
                var poller = self.net().poller().add(s, Pollable.READABLE | Pollable.WRITABLE);
                int written = 0, read = 0;
                while (read < BYTES) {
                    poller.poll();
                    if (written < BYTES) {
                        written += s.tryWrite(data, written, Math.min(16 * 1024, BYTES - written));
                        if (written == BYTES) poller.add(s, Pollable.READABLE);
                    }
                    int r = s.tryRead(back, read, BYTES - read);
                    if (r < 0) throw new AssertionError("end of stream after " + read);
                    read += r;
                }
            }
            SystemMachine.report("honest.exact", Arrays.equals(data, back));
        }
    }

    /** Random segments: random flags, sequence numbers, options, lengths, data offsets, some bad checksums. */
    public static final class SegmentFuzzer implements Program {
        @Override
        public void main(Process self) {
            var net = self.net();
            // A connection of its own, so some garbage lands on an established 4-tuple.
            TcpSocket own = net.connect(SERVER, PORT);
            var random = new SplittableRandom(self.sys().random());
            int sent = 0;
            for (int i = 0; i < 10_000; i++) {
                Packet p = self.sys().allocate();
                int choice = random.nextInt(4);
                int dport = choice <= 1 ? PORT : random.nextInt(1, 65536);
                int sport = choice == 1 ? own.localPort() : random.nextInt(1, 65536);
                int headerWords = random.nextInt(5, 16);
                int dataLength = random.nextInt(0, 300);
                int tcpLength = headerWords * 4 + dataLength;
                if (random.nextInt(10) == 0) tcpLength = random.nextInt(0, tcpLength + 1); // cut short: header may not fit
                Ipv6Header.emit(p, 0, 0, tcpLength, Ipv6Header.TCP, 64, self.address(), SERVER);
                for (int b = 0; b < tcpLength; b++) p.putU8(40 + b, random.nextInt(256));
                if (tcpLength >= 20) {
                    var h = TcpHeader.over(p, 40, tcpLength);
                    h.setSourcePort(sport);
                    h.setDestinationPort(dport);
                    p.putU8(40 + 12, random.nextInt(10) == 0 ? random.nextInt(256) : headerWords << 4);
                    if (random.nextInt(10) != 0) h.fillChecksum(self.address(), SERVER);
                }
                try {
                    if (net.send(p, true)) sent++;
                } catch (KernelException e) {
                    // The server gone, or a queue that stayed full: keep throwing.
                }
                if (i % 100 == 0) self.yield();
            }
            SystemMachine.report("fuzzer.sent", sent);
            own.abort();
        }
    }

    @Test
    void tenThousandRandomSegmentsNeitherHurtTheServerNorAnHonestStreamThroughIt() {
        var out = new SystemMachine()
                .process("server", PollingEchoServer.class)
                .process("honest", HonestClient.class)
                .daemon("fuzzer", SegmentFuzzer.class)
                .boot().assertClean();
        assertEquals(true, SystemMachine.reported("honest.exact"), out::consoleText);
        assertTrue((int) SystemMachine.<Integer>reported("fuzzer.sent") > 9_000, out::consoleText);
        assertTrue((long) SystemMachine.<Long>reported("server.malformed") > 500, out::consoleText);
    }
}
