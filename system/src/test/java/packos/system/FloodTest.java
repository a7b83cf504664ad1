package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import packos.kernel.Address;
import packos.kernel.ContextLimits;
import packos.lib.Process;
import packos.lib.Program;
import org.junit.jupiter.api.Test;

/**
 * A process flooding another as fast as it can must not starve a third: the victim's receive
 * queue bounds what the flood costs it, and round robin keeps the third process on time. Real
 * time, because a program that never blocks stops virtual time.
 */
class FloodTest {
    static final int VICTIM_QUEUE = 8;
    static final AtomicLong ACCEPTED = new AtomicLong(), REFUSED = new AtomicLong();
    static final AtomicInteger MOST_WAITING = new AtomicInteger();

    /** Takes one datagram, yields, takes the next: slower than the flood. */
    public static final class SlowVictim implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp(9);
            SystemMachine.report("victim.address", self.address());
            while (true) {
                MOST_WAITING.accumulateAndGet(self.sys().pending(), Math::max);
                socket.receive();
                self.yield();
            }
        }
    }

    /** trySend to the victim in a loop that never waits and never ends. */
    public static final class Flooder implements Program {
        @Override
        public void main(Process self) {
            var victim = (Address) SystemMachine.reported("victim.address");
            var socket = self.net().udp();
            byte[] junk = new byte[64];
            while (true) {
                if (socket.trySend(victim, 9, junk, 0, junk.length)) ACCEPTED.incrementAndGet();
                else REFUSED.incrementAndGet();
            }
        }
    }

    /** Twenty ticks of a 10 ms timer, then reports the machine time it finished at. */
    public static final class Bystander implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp();
            self.timers().open(socket, 1, 10_000, true);
            for (int i = 0; i < 20; i++) socket.receive();
            SystemMachine.report("bystander finished at", self.now());
        }
    }

    @Test
    void floodingAVictimDoesNotStopAThirdProcessFinishingOnTime() {
        ACCEPTED.set(0);
        REFUSED.set(0);
        MOST_WAITING.set(0);
        new SystemMachine().realTime()
                .add(SystemMachine.daemonSpec("victim", SlowVictim.class)
                        .withLimits(new ContextLimits(VICTIM_QUEUE, 1024, ContextLimits.DEFAULT_HEAP_BURST, ContextLimits.DEFAULT_HEAP_PER_SECOND)))
                .add(SystemMachine.daemonSpec("flooder", Flooder.class))
                .process("bystander", Bystander.class)
                .boot().assertClean();
        long finished = SystemMachine.reported("bystander finished at");
        assertTrue(finished >= SystemMachine.ms(200), "finished at " + finished / 1_000_000 + " ms");
        // 200 ms of ticks; a generous bound for a loaded host, far below what starvation would take (forever).
        assertTrue(finished < SystemMachine.ms(2_000), "finished at " + finished / 1_000_000 + " ms");
        assertTrue(ACCEPTED.get() > 20, "accepted " + ACCEPTED.get());
        assertTrue(REFUSED.get() > 0, "the flood never found the victim's queue full");
        assertTrue(MOST_WAITING.get() <= VICTIM_QUEUE, "at most the queue length waits for the victim, not " + MOST_WAITING.get());
        assertEquals(VICTIM_QUEUE, MOST_WAITING.get(), "the flood filled the victim's queue");
    }
}
