package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import packos.kernel.Address;
import packos.kernel.Impairment;
import packos.kernel.LinkRules;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.TcpSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TCP between two processes over a KAN that loses, reorders, duplicates and corrupts packets, in
 * virtual time: every byte arrives, in order, exactly once, and the run takes seconds.
 */
class TcpUnderImpairmentTest {
    static final Address RECEIVER = Address.parse("fd00:7e8e::3");
    static final int PORT = 9000;
    static final long SEED = 2026;

    /** Accepts one connection and checks every byte against the pattern until end of stream. */
    public static final class CheckingReceiver implements Program {
        @Override
        public void main(Process self) {
            long expected = Long.parseLong(self.arg(0, "0"));
            var pattern = new PatternStream(SEED);
            var got = new byte[256 * 1024];
            var want = new byte[got.length];
            long total = 0;
            try (var l = self.net().listen(PORT); TcpSocket s = l.accept()) {
                for (int n; (n = s.read(got, 0, got.length)) > 0; ) {
                    pattern.next(want, 0, n);
                    if (!Arrays.equals(got, 0, n, want, 0, n)) {
                        int at = Arrays.mismatch(got, 0, n, want, 0, n);
                        throw new AssertionError("byte " + (total + at) + " differs");
                    }
                    total += n;
                }
                SystemMachine.report("received", total);
                SystemMachine.report("receiver.stats", s.stats().toString());
            }
            SystemMachine.report("complete", total == expected);
            SystemMachine.report("machine.ms", self.now() / 1_000_000);
        }
    }

    public static final class PatternSender implements Program {
        @Override
        public void main(Process self) {
            long length = Long.parseLong(self.arg(0, "0"));
            var pattern = new PatternStream(SEED);
            var chunk = new byte[256 * 1024];
            try (TcpSocket s = self.net().connect(RECEIVER, PORT)) {
                for (long sent = 0; sent < length; ) {
                    int n = (int) Math.min(chunk.length, length - sent);
                    pattern.next(chunk, 0, n);
                    s.write(chunk, 0, n);
                    sent += n;
                }
                s.shutdownOutput();
                s.read(new byte[1], 0, 1);
                SystemMachine.report("sender.stats", s.stats().toString());
                SystemMachine.report("sender.retransmits", s.stats().retransmits());
            }
        }
    }

    private static SystemMachine.Outcome transfer(long bytes, Impairment link) {
        return new SystemMachine().hz(1000)
                .links(LinkRules.everywhere(link))
                .process("receiver", CheckingReceiver.class, Long.toString(bytes))
                .process("sender", PatternSender.class, Long.toString(bytes))
                .boot();
    }

    @Test
    @Timeout(120)
    void hundredMegabytesArriveByteExactOverALossyReorderingDuplicatingCorruptingLink() {
        long bytes = 100L * 1000 * 1000;
        var link = Impairment.NONE.withLoss(0.10).withReorder(0.05).withDuplicate(0.01).withCorrupt(0.01);
        long start = System.nanoTime();
        var out = transfer(bytes, link).assertClean();
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(bytes, (long) SystemMachine.<Long>reported("received"), out::consoleText);
        assertEquals(true, SystemMachine.reported("complete"));
        assertTrue((long) SystemMachine.<Long>reported("sender.retransmits") > 0, "a 10% lossy link needs retransmissions");
        var link2 = out.stats().link();
        assertTrue(link2.lost() > 0 && link2.corrupted() > 0 && link2.duplicated() > 0 && link2.reordered() > 0, link2::toString);
        System.out.println("100 MB over 10% loss: " + SystemMachine.reported("machine.ms") + " ms of machine time, " + wallMs + " ms wall; "
                + link2 + "; sender " + SystemMachine.reported("sender.stats"));
        assertTrue(wallMs < 90_000, "100 MB in virtual time took " + wallMs + " ms of wall time");
    }
}
