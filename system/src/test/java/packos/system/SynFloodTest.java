package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import packos.kernel.Address;
import packos.kernel.BootProcess;
import packos.kernel.Capabilities;
import packos.kernel.KernelException;
import packos.kernel.Packet;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.NetStats;
import packos.lib.net.TcpSocket;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.TcpHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A SYN flood against a server with the default backlog (128): a process holding {@code forward}
 * is the KAN's gateway, so it may send from any address and receives what the server sends to
 * them. It sends thousands of SYNs from random sources and ports under 2001:db8::/32 (which
 * never answer) and ACKs with made-up cookies, while an honest client connects again and again
 * and has an echo of its data checked byte for byte. Every honest connection must come in at
 * once, without waiting for a retransmitted SYN, however long the forged handshakes hold on.
 */
@Timeout(120)
class SynFloodTest {
    static final Address SERVER = Address.parse("fd00:7e8e::3");
    static final Address HONEST = Address.parse("fd00:7e8e::4");
    static final int PORT = 80;
    static final int CONNECTIONS = 30;
    static final int BYTES = 20_000;
    /** Forged SYNs before the honest client starts: the SYN queue is full twice over. */
    static final int HEAD_START = 2 * 128;
    static final int MIN_SYNS = 4_000;
    static final int FORGED_ACKS = 1_000;
    /** SYNs the flooder has sent: the honest client paces its connections by it, so they all meet the flood. */
    static final java.util.concurrent.atomic.AtomicInteger SENT = new java.util.concurrent.atomic.AtomicInteger();

    /** Echoes each connection until its end; counts connections from anyone but the honest client. */
    public static final class EchoServer implements Program {
        @Override
        public void main(Process self) {
            var net = self.net();
            var l = net.listen(PORT).setSynCookies(!"shed".equals(self.arg(0, "")));
            var buffer = new byte[16 * 1024];
            int honest = 0, foreign = 0;
            while (honest < CONNECTIONS) {
                TcpSocket c = l.accept();
                if (!c.remoteAddress().equals(HONEST)) {
                    foreign++;
                    c.abort();
                    continue;
                }
                SystemMachine.report("server.mss", c.sendMss());
                for (int n; (n = c.read(buffer, 0, buffer.length)) > 0; ) c.write(buffer, 0, n);
                c.close();
                honest++;
            }
            SystemMachine.report("server.foreign", foreign);
            SystemMachine.report("server.halfOpen", l.halfOpen());
            SystemMachine.report("server.stats", net.stats());
        }
    }

    /** Connects {@link #CONNECTIONS} times once the flood is under way, timing each handshake in machine time. */
    public static final class HonestClient implements Program {
        @Override
        public void main(Process self) {
            boolean exact = true;
            long slowest = 0;
            var back = new byte[BYTES];
            for (int i = 0; i < CONNECTIONS; i++) {
                while (SENT.get() < HEAD_START + i * (MIN_SYNS - HEAD_START) / CONNECTIONS) self.yield();
                long start = self.now();
                try (TcpSocket s = self.net().connect(SERVER, PORT)) {
                    slowest = Math.max(slowest, self.now() - start);
                    var data = TcpOverKanTest.pattern(i, BYTES);
                    s.write(data);
                    s.shutdownOutput();
                    int read = 0;
                    for (int n; read < BYTES && (n = s.read(back, read, BYTES - read)) > 0; ) read += n;
                    exact &= read == BYTES && Arrays.equals(data, back) && s.read(new byte[1], 0, 1) == -1;
                }
            }
            SystemMachine.report("honest.exact", exact);
            SystemMachine.report("honest.slowestConnectNanos", slowest);
            SystemMachine.report("honest.done", true);
        }
    }

    /** The gateway: forged SYNs and cookie ACKs from 2001:db8::/32, and whatever comes back to those addresses swallowed and counted. */
    public static final class Flooder implements Program {
        int synAcks, resets;

        @Override
        public void main(Process self) {
            var net = self.net();
            var sys = self.sys();
            net.setForwarder(p -> {
                if (p.length() >= 60 && p.u8(6) == Ipv6Header.TCP) {
                    int flags = p.u8(40 + 13);
                    if ((flags & TcpHeader.RST) != 0) resets++;
                    else if ((flags & (TcpHeader.SYN | TcpHeader.ACK)) == (TcpHeader.SYN | TcpHeader.ACK)) synAcks++;
                }
                sys.free(p);
            });
            var random = new SplittableRandom(sys.random());
            int syns = 0, acks = 0;
            while (syns < MIN_SYNS || acks < FORGED_ACKS || SystemMachine.reports("honest.done").isEmpty()) {
                for (int k = 0; k < 16; k++) {
                    boolean ack = k % 4 == 3 && acks < FORGED_ACKS;
                    var source = new Address(0x20010db8_00000000L | random.nextLong(1L << 32), random.nextLong());
                    Packet p = sys.allocate();
                    int length = ack ? 20 : 24;
                    Ipv6Header.emit(p, 0, 0, length, Ipv6Header.TCP, 64, source, SERVER);
                    var h = TcpHeader.emit(p, 40, length, random.nextInt(1024, 65536), PORT, random.nextLong(1L << 32),
                            ack ? random.nextLong(1L << 32) : 0, length, ack ? TcpHeader.ACK : TcpHeader.SYN, 65535);
                    if (!ack) {
                        p.putU8(60, 2); // MSS 1440, as a Linux client on Ethernet sends
                        p.putU8(61, 4);
                        p.putU16(62, 1440);
                    }
                    h.fillChecksum(source, SERVER);
                    try {
                        if (net.send(p, false)) {
                            if (ack) acks++;
                            else SENT.set(++syns);
                        }
                    } catch (KernelException e) {
                        // The server gone at the end: nothing to flood.
                    }
                }
                net.drain();
                self.yield();
            }
            SystemMachine.report("flood.syns", syns);
            SystemMachine.report("flood.acks", acks);
            SystemMachine.report("flood.synAcks", synAcks);
            SystemMachine.report("flood.resets", resets);
        }
    }

    private static SystemMachine.Outcome flood(String mode) {
        SENT.set(0);
        return new SystemMachine()
                .add(SystemMachine.spec("server", EchoServer.class, mode))
                .process("honest", HonestClient.class)
                .add(new BootProcess("flooder", Flooder.class.getName(), List.of(), Set.of(Capabilities.FORWARD), true, List.of()))
                .boot().assertClean();
    }

    private static void assertEveryHonestConnectionWasPromptAndExact(SystemMachine.Outcome out) {
        String why = out.consoleText() + "\nserver " + SystemMachine.reports("server.stats") + "\nflood " + SystemMachine.reports("flood.syns")
                + " SYNs, slowest connect " + SystemMachine.reports("honest.slowestConnectNanos");
        System.out.println("SYN flood: " + SystemMachine.reports("flood.syns") + " forged SYNs and " + SystemMachine.reports("flood.acks")
                + " forged ACKs; slowest honest connect " + SystemMachine.reports("honest.slowestConnectNanos") + " ns of machine time; server "
                + SystemMachine.reports("server.stats"));
        assertEquals(true, SystemMachine.reported("honest.exact"), why);
        // A lost SYN would cost the client its one-second retransmission timeout.
        assertTrue((long) SystemMachine.<Long>reported("honest.slowestConnectNanos") < SystemMachine.ms(500), why);
        assertEquals(0, (int) SystemMachine.<Integer>reported("server.foreign"), why);
        assertTrue((int) SystemMachine.<Integer>reported("flood.syns") >= MIN_SYNS, why);
    }

    @Test
    void withSynCookiesEveryHonestClientGetsInAtOnceAndNoForgedAckMakesAConnection() {
        var out = flood("cookies");
        assertEveryHonestConnectionWasPromptAndExact(out);
        NetStats stats = SystemMachine.reported("server.stats");
        String why = "server " + stats + ", flood resets " + SystemMachine.reports("flood.resets");
        // Nearly the whole flood met the server while the honest client was at work; the rest came after it ended.
        assertTrue(stats.tcpSynCookiesSent() >= MIN_SYNS * 3 / 4, why);
        assertTrue(stats.tcpSynCookiesAccepted() >= CONNECTIONS - 1, "the honest client's handshakes completed from cookies: " + why);
        assertTrue(stats.tcpSynCookiesRejected() >= FORGED_ACKS * 3 / 4, why);
        assertTrue((int) SystemMachine.<Integer>reported("flood.resets") >= FORGED_ACKS, "each forged ACK was answered with RST: " + why);
        // The client's MSS (a 4096-byte KAN page) is in the cookie table: cookie connections carry full segments.
        for (Object mss : SystemMachine.reports("server.mss")) assertEquals(4036 - 12, mss, why);
        assertEquals(0, stats.tcpSynQueueDrops(), why);
    }

    @Test
    void withoutCookiesTheOldestHalfOpenConnectionGivesWayAndEveryHonestClientGetsIn() {
        var out = flood("shed");
        assertEveryHonestConnectionWasPromptAndExact(out);
        NetStats stats = SystemMachine.reported("server.stats");
        String why = "server " + stats;
        assertTrue(stats.tcpSynQueueDrops() >= MIN_SYNS * 3 / 4, why);
        assertEquals(0, stats.tcpSynCookiesSent(), why);
        assertEquals(0, stats.tcpSynCookiesAccepted(), why);
        assertTrue((int) SystemMachine.<Integer>reported("server.halfOpen") <= 128, why);
    }
}
