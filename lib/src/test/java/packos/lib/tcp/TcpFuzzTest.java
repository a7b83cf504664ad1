package packos.lib.tcp;

import static org.junit.jupiter.api.Assertions.*;
import static packos.lib.tcp.ScriptedPeer.*;
import static packos.lib.wire.TcpHeader.*;

import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import packos.kernel.KernelException;
import packos.lib.wire.TcpHeader;

/**
 * Random and mutated segments into connections in every state: segmentArrived never throws, the
 * connection's bookkeeping stays consistent, and everything it sends is a well-formed segment.
 */
class TcpFuzzTest {
    private static final int SEGMENTS_PER_STATE = 1_000;

    private static ScriptedPeer established() {
        var t = new ScriptedPeer(TcpConfig.defaults().withBuffers(16 * 1024, 16 * 1024));
        t.openActive(LINUX_SYN_OPTIONS);
        t.conn.write(new byte[5000], 0, 5000, t.now);
        t.segment().seq(PEER_ISS + 1 + 3000).payload(500).deliver(); // leave a gap
        return t;
    }

    private static Supplier<ScriptedPeer> in(String state) {
        return switch (state) {
            case "SYN_SENT" -> () -> {
                var t = new ScriptedPeer(TcpConfig.defaults());
                t.conn.connect(t.now);
                return t;
            };
            case "SYN_RECEIVED" -> () -> {
                var t = new ScriptedPeer(TcpConfig.defaults());
                t.conn.acceptSyn(t.segment().seq(PEER_ISS).flags(SYN).options(LINUX_SYN_OPTIONS).build(), t.now);
                t.peerSeq = PEER_ISS + 1;
                return t;
            };
            case "ESTABLISHED" -> TcpFuzzTest::established;
            case "FIN_WAIT_1" -> () -> {
                var t = established();
                t.conn.shutdownOutput(t.now);
                return t;
            };
            case "FIN_WAIT_2" -> () -> {
                var t = new ScriptedPeer(TcpConfig.defaults());
                t.openActive(LINUX_SYN_OPTIONS);
                t.conn.shutdownOutput(t.now);
                t.segment().deliver();
                return t;
            };
            case "CLOSE_WAIT" -> () -> {
                var t = established();
                t.segment().seq(PEER_ISS + 1).payload(3000).deliver();
                t.segment().seq(PEER_ISS + 1 + 3500).flags(ACK | FIN).deliver();
                return t;
            };
            case "CLOSING" -> () -> {
                var t = new ScriptedPeer(TcpConfig.defaults());
                t.openActive(LINUX_SYN_OPTIONS);
                long fin = t.ourNext();
                t.conn.shutdownOutput(t.now);
                t.segment().ack(fin).flags(ACK | FIN).deliver();
                return t;
            };
            case "LAST_ACK" -> () -> {
                var t = new ScriptedPeer(TcpConfig.defaults());
                t.openActive(LINUX_SYN_OPTIONS);
                t.segment().flags(ACK | FIN).deliver();
                t.conn.close(t.now);
                return t;
            };
            case "TIME_WAIT" -> () -> {
                var t = new ScriptedPeer(TcpConfig.defaults());
                t.openActive(LINUX_SYN_OPTIONS);
                t.conn.shutdownOutput(t.now);
                t.segment().deliver();
                t.segment().flags(ACK | FIN).deliver();
                return t;
            };
            case "CLOSED" -> () -> {
                var t = established();
                t.conn.abort(t.now);
                return t;
            };
            default -> throw new IllegalArgumentException(state);
        };
    }

    private static final String[] STATES = {"SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT",
            "CLOSING", "LAST_ACK", "TIME_WAIT", "CLOSED"};

    @Test
    void tenThousandHostileSegmentsNeverThrowAndKeepEveryInvariant() {
        var random = new SplittableRandom(20_250_101);
        int delivered = 0;
        for (String state : STATES) {
            var t = in(state).get();
            assertEquals(state, t.conn.state().name(), "the fixture reaches " + state);
            t.sent.clear();
            for (int i = 0; i < SEGMENTS_PER_STATE; i++) {
                var seg = random.nextInt(3) == 0 ? randomSegment(t, random) : mutatedSegment(t, random);
                TcpHeader h = seg.build();
                try {
                    t.conn.segmentArrived(h, t.now);
                } catch (RuntimeException e) {
                    throw new AssertionError("segment " + i + " in " + state + " (now " + t.conn.state() + ") threw: flags "
                            + h.flags() + " seq " + h.sequence() + " ack " + h.acknowledgement(), e);
                }
                delivered++;
                t.conn.checkInvariants();
                poke(t, random);
                t.conn.checkInvariants();
                for (var out : t.drain()) assertSane(t, out);
                assertTrue(t.conn.stats().srtt() <= t.now, "an RTT sample longer than the connection has lived");
            }
        }
        assertEquals(STATES.length * SEGMENTS_PER_STATE, delivered);
        assertTrue(delivered >= 10_000);
    }

    /** The application and the clock move too: timers fire, reads and writes happen. */
    private static void poke(ScriptedPeer t, SplittableRandom random) {
        try {
            switch (random.nextInt(6)) {
                case 0 -> {
                    t.advance(random.nextLong(300 * TcpConfig.MILLISECOND));
                    if (t.conn.deadline() <= t.now) t.conn.onTimer(t.now);
                }
                case 1 -> t.conn.read(new byte[3000], 0, random.nextInt(1, 3000), t.now);
                case 2 -> {
                    if (t.conn.writable() > 0) t.conn.write(new byte[2000], 0, random.nextInt(1, 2000), t.now);
                }
                default -> { }
            }
        } catch (KernelException expected) {
            // a reset or closed connection says so; that is the contract
        }
    }

    private static void assertSane(ScriptedPeer t, TcpHeader out) {
        // ScriptedPeer.parse already checked the header and the checksum.
        assertTrue(out.payloadLength() + out.optionsLength() <= t.mtu - 60, "segment larger than the MTU allows");
        assertTrue(out.optionsLength() <= 40);
        if (out.has(RST)) assertFalse(out.has(SYN));
    }

    private static ScriptedPeer.Segment randomSegment(ScriptedPeer t, SplittableRandom r) {
        var s = t.segment().seq(r.nextLong(1L << 32)).ack(r.nextLong(1L << 32)).flags(r.nextInt(256)).window(r.nextInt(65536));
        s.options = randomOptions(r);
        s.payload = new byte[r.nextInt(4) == 0 ? r.nextInt(1400) : 0];
        r.nextBytes(s.payload);
        return s;
    }

    /** A plausible segment near the connection's sequence numbers, with one or two fields bent. */
    private static ScriptedPeer.Segment mutatedSegment(ScriptedPeer t, SplittableRandom r) {
        long rcv = t.conn.rcvNxt() & 0xffffffffL;
        long una = t.conn.sndUna() & 0xffffffffL;
        long nxt = t.conn.sndNxt() & 0xffffffffL;
        long seq = rcv + r.nextLong(-3000, 20_000);
        long ack = r.nextBoolean() ? una + r.nextLong(0, Math.max(1, nxt - una + 1)) : una + r.nextLong(-70_000, 70_000);
        int[] common = {ACK, ACK | PSH, ACK | FIN, RST, ACK | RST, SYN, SYN | ACK, ACK | SYN | FIN, FIN, 0};
        int flags = common[r.nextInt(common.length)];
        var s = t.segment().seq(seq).ack(ack).flags(flags).window(r.nextInt(4) == 0 ? 0 : r.nextInt(65536));
        String ts = String.format("0101080a%08x%08x", 1000 + r.nextInt(-50, 5000), r.nextLong(1L << 32));
        int kind = r.nextInt(5);
        s.options = HexFormat.of().parseHex(switch (kind) {
            case 0 -> "";
            case 1 -> ts;
            case 2 -> ts + sack(r, nxt, 3);
            case 3 -> sack(r, nxt, 4);
            default -> "";
        });
        if (kind == 4) s.options = randomOptions(r);
        s.payload = new byte[r.nextInt(3) == 0 ? 0 : r.nextInt(1, 1500)];
        r.nextBytes(s.payload);
        return s;
    }

    private static String sack(SplittableRandom r, long around, int maxBlocks) {
        int n = r.nextInt(1, maxBlocks + 1);
        var sb = new StringBuilder(String.format("0101%02x%02x", 5, 2 + 8 * n));
        for (int i = 0; i < n; i++) {
            long l = around + r.nextLong(-20_000, 20_000);
            long len = r.nextLong(-100, 5000);
            sb.append(String.format("%08x%08x", l & 0xffffffffL, (l + len) & 0xffffffffL));
        }
        return sb.toString();
    }

    private static byte[] randomOptions(SplittableRandom r) {
        var b = new byte[4 * r.nextInt(11)];
        r.nextBytes(b);
        // Bias towards known kinds, so the parser's checks (not just its default branch) are hit.
        if (b.length > 0 && r.nextBoolean()) b[0] = (byte) new int[]{1, 2, 3, 4, 5, 8}[r.nextInt(6)];
        return b;
    }
}
