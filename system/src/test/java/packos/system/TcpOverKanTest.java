package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import packos.kernel.Address;
import packos.kernel.BootProcess;
import packos.kernel.ErrorCode;
import packos.kernel.KernelConfig;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Pollable;
import packos.lib.net.Ready;
import packos.lib.net.TcpListener;
import packos.lib.net.TcpSocket;
import packos.lib.sched.SchedulerControl;
import packos.lib.tcp.TcpState;
import org.junit.jupiter.api.Test;

/**
 * TCP between real processes over the KAN, with the standard scheduler and its timer service:
 * what a program using sockets relies on.
 */
class TcpOverKanTest {
    static final Address SERVER = Address.parse("fd00:7e8e::3");
    static final int PORT = 7777;

    /** The bytes a seeded stream has at each position: both ends compute them, nothing big is stored. */
    static byte[] pattern(long seed, int length) {
        var b = new byte[length];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** Echoes every byte back on each connection, one connection at a time, until the client closes. */
    public static final class EchoServer implements Program {
        @Override
        public void main(Process self) {
            TcpListener l = self.net().listen(PORT);
            int connections = Integer.parseInt(self.arg(0, "1"));
            var buffer = new byte[32 * 1024];
            for (int i = 0; i < connections; i++) {
                try (TcpSocket s = l.accept()) {
                    long total = 0;
                    for (int n; (n = s.read(buffer, 0, buffer.length)) > 0; ) {
                        s.write(buffer, 0, n);
                        total += n;
                    }
                    SystemMachine.report("server.bytes", total);
                }
            }
        }
    }

    /** Sends N bytes of a pattern, reads the echo back, checks it byte for byte. */
    public static final class EchoClient implements Program {
        @Override
        public void main(Process self) {
            int length = Integer.parseInt(self.arg(0, "1000000"));
            var data = pattern(42, length);
            var echoed = new byte[length];
            try (TcpSocket s = self.net().connect(SERVER, PORT)) {
                SystemMachine.report("client.state", s.state());
                // Write and read as the socket allows: an echo must not fill both windows and stall.
                var poller = self.net().poller().add(s, Pollable.READABLE | Pollable.WRITABLE);
                int written = 0, read = 0;
                while (read < length) {
                    poller.poll();
                    if (written < length) {
                        written += s.tryWrite(data, written, Math.min(64 * 1024, length - written));
                        if (written == length) poller.add(s, Pollable.READABLE);
                    }
                    int r = s.tryRead(echoed, read, length - read);
                    if (r < 0) throw new AssertionError("end of stream after " + read + " bytes");
                    read += r;
                }
                s.shutdownOutput();
                var more = new byte[1];
                SystemMachine.report("client.eof", s.read(more, 0, 1));
            }
            SystemMachine.report("client.exact", java.util.Arrays.equals(data, echoed));
        }
    }

    @Test
    void aMegabyteEchoedThroughTcpArrivesByteExact() {
        var out = new SystemMachine()
                .process("server", EchoServer.class, "1")
                .process("client", EchoClient.class, "1000000")
                .boot().assertClean();
        assertEquals(TcpState.ESTABLISHED, SystemMachine.reported("client.state"));
        assertEquals(true, SystemMachine.reported("client.exact"), out::consoleText);
        assertEquals(-1, (int) SystemMachine.<Integer>reported("client.eof"));
        assertEquals(1_000_000L, (long) SystemMachine.<Long>reported("server.bytes"));
    }

    /** Connects to a port nobody listens on. */
    public static final class RefusedClient implements Program {
        @Override
        public void main(Process self) {
            try {
                self.net().connect(Address.parse(self.arg(0, SERVER.toString())), 9);
                SystemMachine.report("refused", "connected?!");
            } catch (KernelException e) {
                SystemMachine.report("refused", e.code());
            }
        }
    }

    /** Stays alive (listening elsewhere) so its address exists. */
    public static final class Bystander implements Program {
        @Override
        public void main(Process self) {
            self.net().udp(1).receive();
        }
    }

    @Test
    void connectingToAnAddressWhereNoProcessLivesFailsAtOnceAsUnreachable() {
        new SystemMachine().process("client", RefusedClient.class, "fd00:7e8e::99").boot().assertClean();
        assertEquals(ErrorCode.ADDRESS_UNREACHABLE, SystemMachine.reported("refused"));
    }

    @Test
    void connectingToAPortWithoutListenerIsRefusedByReset() {
        new SystemMachine()
                .daemon("bystander", Bystander.class)
                .process("client", RefusedClient.class)
                .boot().assertClean();
        assertEquals(ErrorCode.CONNECTION_REFUSED, SystemMachine.reported("refused"));
    }

    /** Writes a quarter megabyte and returns at once: TCP must still deliver it after main ends. */
    public static final class WriteAndLeave implements Program {
        @Override
        public void main(Process self) {
            var s = self.net().connect(SERVER, PORT);
            s.write(pattern(7, 250_000));
            // No close, no wait: the process ends here.
        }
    }

    public static final class Sink implements Program {
        @Override
        public void main(Process self) {
            try (var l = self.net().listen(PORT); var s = l.accept()) {
                var all = new byte[250_000];
                int n = s.readFully(all, 0, all.length);
                var extra = new byte[1];
                SystemMachine.report("sink.n", n);
                SystemMachine.report("sink.eof", s.read(extra, 0, 1));
                SystemMachine.report("sink.exact", java.util.Arrays.equals(all, pattern(7, 250_000)));
            }
        }
    }

    @Test
    void dataWrittenJustBeforeAProgramEndsIsStillDelivered() {
        new SystemMachine().process("sink", Sink.class).process("writer", WriteAndLeave.class).boot().assertClean();
        assertEquals(250_000, (int) SystemMachine.<Integer>reported("sink.n"));
        assertEquals(-1, (int) SystemMachine.<Integer>reported("sink.eof"));
        assertEquals(true, SystemMachine.reported("sink.exact"));
    }

    /** Accepts N connections held open at once (they all connect before any is accepted), then answers each. */
    public static final class BacklogServer implements Program {
        @Override
        public void main(Process self) {
            int n = Integer.parseInt(self.arg(0, "10"));
            var l = self.net().listen(PORT, 64);
            var poller = self.net().poller().add(l, Pollable.READABLE);
            // Give every client time to finish its handshake before the first accept.
            var t = self.net().timer(200_000, false);
            t.await();
            SystemMachine.report("backlog.pending", l.pending());
            var sockets = new ArrayList<TcpSocket>();
            while (sockets.size() < n) {
                poller.poll();
                for (TcpSocket s; (s = l.tryAccept()) != null; ) sockets.add(s);
            }
            for (var s : sockets) {
                s.write("you are " + s.remotePort() + "\n");
                s.close();
            }
        }
    }

    public static final class PortClient implements Program {
        @Override
        public void main(Process self) {
            try (var s = self.net().connect(SERVER, PORT)) {
                var b = new byte[100];
                int n = s.readFully(b, 0, b.length);
                String got = new String(b, 0, n);
                SystemMachine.report("portclient", got.equals("you are " + s.localPort() + "\n"));
            }
        }
    }

    @Test
    void aListenerHoldsManyCompletedHandshakesUntilAccepted() {
        var m = new SystemMachine().process("server", BacklogServer.class, "10");
        for (int i = 0; i < 10; i++) m.process("c" + i, PortClient.class);
        m.boot().assertClean();
        assertEquals(10, (int) SystemMachine.<Integer>reported("backlog.pending"));
        assertEquals(java.util.Collections.nCopies(10, true), SystemMachine.reports("portclient"));
    }

    /** Waits on a UDP socket, a TCP listener and a timer at once, and reports which became ready in which order. */
    public static final class MixedPoller implements Program {
        @Override
        public void main(Process self) {
            var net = self.net();
            var udp = net.udp(5000);
            var l = net.listen(PORT);
            var timer = net.timer(500_000, false);
            var poller = net.poller().add(udp, Pollable.READABLE).add(l, Pollable.READABLE).add(timer, Pollable.READABLE);
            var seen = new ArrayList<String>();
            while (seen.size() < 3) {
                for (Ready r : poller.poll()) {
                    if (r.source() == udp) {
                        udp.receive();
                        seen.add("udp");
                        poller.remove(udp);
                    } else if (r.source() == l) {
                        l.accept().close();
                        seen.add("tcp");
                        poller.remove(l);
                    } else if (r.source() == timer) {
                        timer.expirations();
                        seen.add("timer@" + self.now() / 1_000_000 + "ms");
                        poller.remove(timer);
                    }
                }
            }
            var empty = net.poller().add(udp, Pollable.READABLE);
            long before = self.now();
            SystemMachine.report("mixed.timeout", empty.poll(50_000_000L).isEmpty());
            SystemMachine.report("mixed.waited", self.now() - before >= 50_000_000L);
            SystemMachine.report("mixed", String.join(",", seen));
        }
    }

    public static final class MixedPeer implements Program {
        @Override
        public void main(Process self) {
            var t = self.net().timer(100_000, false);
            t.await();
            self.net().udp().send(SERVER, 5000, "x");
            t = self.net().timer(100_000, false);
            t.await();
            self.net().connect(SERVER, PORT).close();
        }
    }

    @Test
    void onePollWaitsOnUdpTcpAndATimerAndTimesOut() {
        new SystemMachine().process("poller", MixedPoller.class).process("peer", MixedPeer.class).boot().assertClean();
        assertEquals("udp,tcp,timer@500ms", SystemMachine.reported("mixed"));
        assertEquals(true, SystemMachine.reported("mixed.timeout"));
        assertEquals(true, SystemMachine.reported("mixed.waited"));
    }

    /** Reports itself initialised after 300 ms of machine time. */
    public static final class SlowStarter implements Program {
        @Override
        public void main(Process self) {
            self.net().timer(300_000, false).await();
            SystemMachine.report("order", "reporting@" + self.now() / 1_000_000);
            SchedulerControl.reportInitialised(self);
            self.net().udp(1).receive();
        }
    }

    public static final class Dependant implements Program {
        @Override
        public void main(Process self) {
            SystemMachine.report("order", "dependant@" + self.now() / 1_000_000);
        }
    }

    @Test
    void aProcessAfterOneThatReportsInitStartsOnlyOnceItReported() {
        var out = new SystemMachine()
                .add(SystemMachine.daemonSpec("driver", SlowStarter.class).withReportsInit(true))
                .add(new BootProcess("user", Dependant.class.getName(), List.of(), java.util.Set.of(), false, List.of("driver")))
                .boot().assertClean();
        var order = SystemMachine.reports("order");
        assertEquals(2, order.size(), out::consoleText);
        assertEquals("reporting@300", order.get(0), order::toString);
        assertTrue(((String) order.get(1)).startsWith("dependant@3"), order::toString);
        assertEquals(1, out.linesContaining("driver activated").size(), out::consoleText);
    }

    public static final class NeverReports implements Program {
        @Override
        public void main(Process self) { }
    }

    @Test
    void dependantsOfAProcessThatEndsWithoutReportingNeverStartAndTheRunFails() {
        var out = new SystemMachine()
                .add(SystemMachine.spec("driver", NeverReports.class).withReportsInit(true))
                .add(new BootProcess("user", Dependant.class.getName(), List.of(), java.util.Set.of(), false, List.of("driver")))
                .boot();
        assertEquals(1, out.status(), out::consoleText);
        assertTrue(SystemMachine.reports("order").isEmpty());
        assertEquals(1, out.linesContaining("driver ended before it reported initialised; user will not start").size(), out::consoleText);
    }

    /** A bulk transfer over a 64 KiB-page KAN: segments as large as the MTU allows. */
    @Test
    void bulkTransferOverAJumboKanUsesLargeSegments() {
        new SystemMachine()
                .config(new KernelConfig(KernelConfig.DEFAULT_PREFIX, 64, 1024, 65_536, 65_575, 0))
                .process("server", EchoServer.class, "1")
                .process("client", EchoClient.class, "4000000")
                .boot().assertClean();
        assertEquals(true, SystemMachine.reported("client.exact"));
    }

    /** Answers each connection with one line and closes first, so its side of each connection sits in TIME-WAIT. */
    public static final class ClosingFirstServer implements Program {
        @Override
        public void main(Process self) {
            int n = Integer.parseInt(self.arg(0, "3"));
            try (var l = self.net().listen(PORT)) {
                for (int i = 0; i < n; i++) {
                    try (var s = l.accept()) {
                        s.write("hi " + i + " from port " + s.remotePort() + "\n");
                    }
                }
            }
            SystemMachine.report("closing.done.ms", self.now() / 1_000_000);
        }
    }

    /** Connects three times in a row from the same local port, reading each answer to end of stream. */
    public static final class SamePortThrice implements Program {
        @Override
        public void main(Process self) {
            for (int i = 0; i < 3; i++) {
                try (var s = self.net().connect(SERVER, PORT, 40000)) {
                    var b = new byte[100];
                    int n = s.readFully(b, 0, b.length);
                    SystemMachine.report("readonce", new String(b, 0, n));
                }
                // Our side's close (LAST-ACK) must finish before the port is ours again, as on Linux.
                self.net().timer(10_000, false).await();
            }
        }
    }

    @Test
    void aNewSynFromTheSamePortEndsTheServersTimeWaitAtOnce() {
        var out = new SystemMachine()
                .process("server", ClosingFirstServer.class, "3")
                .process("client", SamePortThrice.class)
                .boot();
        assertEquals(List.of("hi 0 from port 40000\n", "hi 1 from port 40000\n", "hi 2 from port 40000\n"), SystemMachine.reports("readonce"), out::consoleText);
        // Far less than the 60 s TIME-WAIT: each SYN was taken by the listener, not refused by the old connection.
        long doneMs = SystemMachine.<Long>reported("closing.done.ms");
        assertTrue(doneMs < 1_000, () -> "the server took " + doneMs + " ms\n" + out.consoleText());
    }
}
