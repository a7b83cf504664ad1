package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.system.SystemMachine.ms;

import java.util.List;
import java.util.Set;
import packos.kernel.Address;
import packos.kernel.BootProcess;
import packos.kernel.BootProcess.Restart;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.timer.TimerReply;
import org.junit.jupiter.api.Test;

/** Restart policies: never, on failure, always; the give-up rule; one console line per ending; the exit status. */
class RestartPolicyTest {
    /** Which life of {@code name} this is: 1 for the first start, 2 after one restart... (the harness shares statics). */
    static int life(Process self) {
        SystemMachine.report(self.name() + ".life", self.address());
        return SystemMachine.reports(self.name() + ".life").size();
    }

    /** UDP echo on port 7 that says which life answered; "crash" makes it fault. */
    public static final class Echo implements Program {
        @Override
        public void main(Process self) {
            int life = life(self);
            var socket = self.net().udp(7);
            while (true) {
                var d = socket.receive();
                if (d.text().equals("crash")) throw new SystemMachine.Deliberate("crash requested");
                socket.send(d.source(), d.sourcePort(), d.text() + " from life " + life);
            }
        }
    }

    /** Talks to the echo, crashes it, and goes on talking to the same address. */
    public static final class Peer implements Program {
        @Override
        public void main(Process self) {
            var echo = (Address) SystemMachine.reports("echo.life").getFirst();
            var socket = self.net().udp();
            socket.send(echo, 7, "one");
            SystemMachine.report("peer.got", socket.receive().text());
            socket.send(echo, 7, "crash");
            int unreachable = 0;
            while (true) {
                try {
                    socket.send(echo, 7, "two");
                    break;
                } catch (KernelException e) {
                    // Between the fault and the restart nothing lives at the address.
                    assertEquals(ErrorCode.ADDRESS_UNREACHABLE, e.code());
                    unreachable++;
                    self.yield();
                }
            }
            SystemMachine.report("peer.got", socket.receive().text());
            SystemMachine.report("peer.unreachable", unreachable);
        }
    }

    @Test
    void restartOnFailureKeepsTheAddressAndAPeerGetsAnswersAfterTheRestart() {
        var outcome = new SystemMachine()
                .add(SystemMachine.daemonSpec("echo", Echo.class).withRestart(Restart.onFailure(5, 10)))
                .add(new BootProcess("peer", Peer.class.getName(), List.of(), Set.of(), false, List.of("echo")))
                .boot().assertClean();
        assertEquals(List.of("one from life 1", "two from life 2"), SystemMachine.reports("peer.got"));
        var addresses = SystemMachine.reports("echo.life");
        assertEquals(2, addresses.size());
        assertEquals(addresses.get(0), addresses.get(1), "the restarted echo keeps its address");
        assertEquals(List.of("[scheduler] process echo faulted: Deliberate: crash requested; restarting (1 of 5 in 10 s)"),
                outcome.linesContaining("echo"));
        assertEquals("no process failed; 1 fault was restarted", outcome.haltReason());
        assertEquals(5, outcome.stats().contextsCreated(), "the scheduler, the timer service, the peer and the echo's two lives");
    }

    /** Ends cleanly at once, every life. */
    public static final class Blinker implements Program {
        @Override
        public void main(Process self) { life(self); }
    }

    @Test
    void alwaysRestartsEvenAfterACleanExitUntilMaxRestartsThenGivesUpWithStatus1() {
        var outcome = new SystemMachine()
                .add(SystemMachine.spec("blinker", Blinker.class).withRestart(Restart.always(3, 10)))
                .process("victim", BasicSchedulerTest.Victim.class)
                .boot();
        assertTrue(outcome.failures().isEmpty(), outcome.failures()::toString);
        assertEquals(4, SystemMachine.reports("blinker.life").size(), outcome.consoleText());
        assertEquals(List.of(
                "[scheduler] process blinker exited; restarting (1 of 3 in 10 s)",
                "[scheduler] process blinker exited; restarting (2 of 3 in 10 s)",
                "[scheduler] process blinker exited; restarting (3 of 3 in 10 s)",
                "[scheduler] process blinker exited; giving up after 3 restarts in 10 s"), outcome.linesContaining("blinker"));
        assertEquals(50, (int) SystemMachine.reported("victim rounds"));
        assertEquals(1, outcome.status(), outcome.consoleText());
        assertEquals("1 process failed", outcome.haltReason());
    }

    /** Faults at once, every life. */
    public static final class Crasher implements Program {
        @Override
        public void main(Process self) {
            throw new SystemMachine.Deliberate("life " + life(self));
        }
    }

    @Test
    void moreThanMaxRestartsWithinTheWindowGivesUpInOneLineAndTheRunEndsWithStatus1() {
        var outcome = new SystemMachine()
                .add(SystemMachine.spec("crasher", Crasher.class).withRestart(Restart.onFailure(2, 10)))
                .process("victim", BasicSchedulerTest.Victim.class)
                .boot();
        assertTrue(outcome.failures().isEmpty(), outcome.failures()::toString);
        assertEquals(List.of(
                "[scheduler] process crasher faulted: Deliberate: life 1; restarting (1 of 2 in 10 s)",
                "[scheduler] process crasher faulted: Deliberate: life 2; restarting (2 of 2 in 10 s)",
                "[scheduler] process crasher faulted: Deliberate: life 3; giving up after 2 restarts in 10 s"),
                outcome.linesContaining("crasher"));
        assertEquals(50, (int) SystemMachine.reported("victim rounds"));
        assertEquals(1, outcome.status());
        assertEquals("1 process failed", outcome.haltReason());
        assertEquals(3, outcome.stats().contextsFaulted());
    }

    @Test
    void maxRestartsZeroGivesUpAtTheFirstFault() {
        var outcome = new SystemMachine()
                .add(SystemMachine.spec("crasher", Crasher.class).withRestart(Restart.onFailure(0, 10)))
                .boot();
        assertEquals(List.of("[scheduler] process crasher faulted: Deliberate: life 1; giving up after 0 restarts in 10 s"),
                outcome.linesContaining("crasher"));
        assertEquals(1, outcome.status());
    }

    @Test
    void neverIsTheDefaultAndAFaultIsNotRestarted() {
        var outcome = new SystemMachine().process("crasher", Crasher.class).process("victim", BasicSchedulerTest.Victim.class).boot();
        assertEquals(1, SystemMachine.reports("crasher.life").size());
        assertEquals(List.of("[scheduler] process crasher faulted: Deliberate: life 1; not restarted"), outcome.linesContaining("crasher"));
        assertEquals(1, outcome.status());
    }

    @Test
    void onFailureDoesNotRestartACleanExit() {
        var outcome = new SystemMachine()
                .add(SystemMachine.spec("blinker", Blinker.class).withRestart(Restart.onFailure(5, 10)))
                .boot().assertClean();
        assertEquals(1, SystemMachine.reports("blinker.life").size());
        assertEquals(List.of(), outcome.linesContaining("blinker"));
        assertEquals("every process ended cleanly", outcome.haltReason());
    }

    /** Faults 1.5 s of machine time into each of its first three lives; the fourth ends cleanly. */
    public static final class SlowCrasher implements Program {
        @Override
        public void main(Process self) {
            int life = life(self);
            var socket = self.net().udp();
            self.timers().open(socket, 1, 1_500_000, false);
            socket.receive();
            if (life < 4) throw new SystemMachine.Deliberate("life " + life);
        }
    }

    @Test
    void restartsFartherApartThanTheWindowNeverAddUpToAGiveUp() {
        var outcome = new SystemMachine()
                .add(SystemMachine.spec("slow", SlowCrasher.class).withRestart(Restart.onFailure(1, 1)))
                .boot().assertClean();
        assertEquals(List.of(
                "[scheduler] process slow faulted: Deliberate: life 1; restarting (1 of 1 in 1 s)",
                "[scheduler] process slow faulted: Deliberate: life 2; restarting (1 of 1 in 1 s)",
                "[scheduler] process slow faulted: Deliberate: life 3; restarting (1 of 1 in 1 s)"), outcome.linesContaining("slow"));
        assertEquals("no process failed; 3 faults were restarted", outcome.haltReason());
    }

    /** Faults in its first life, finishes in its second: the only ordinary process. */
    public static final class Phoenix implements Program {
        @Override
        public void main(Process self) {
            if (life(self) == 1) throw new SystemMachine.Deliberate("first life");
            for (int i = 0; i < 3; i++) self.yield();
            SystemMachine.report("phoenix", "finished");
        }
    }

    @Test
    void anOrdinaryProcessBeingRestartedStillCountsAsLiveSoTheMachineWaitsForItsNextLife() {
        var outcome = new SystemMachine()
                .add(SystemMachine.spec("phoenix", Phoenix.class).withRestart(Restart.onFailure(5, 10)))
                .boot().assertClean();
        assertEquals(List.of("finished"), SystemMachine.reports("phoenix"));
        assertEquals(List.of("[scheduler] process phoenix faulted: Deliberate: first life; restarting (1 of 5 in 10 s)"),
                outcome.linesContaining("phoenix faulted"));
    }

    /**
     * First life: a repeating 10 ms timer to port 5000, one tick, then a fault. Second life, same
     * address and port: two one-shot timers. Any tick of timer 1 in the second life is stale.
     */
    public static final class Forgetful implements Program {
        @Override
        public void main(Process self) throws Exception {
            int life = life(self);
            var socket = self.net().udp(5000);
            if (life == 1) {
                self.timers().open(socket, 1, 10_000, true);
                tick(self, socket.receive().data());
                throw new SystemMachine.Deliberate("after one tick");
            }
            self.timers().open(socket, 2, 50_000, false);
            tick(self, socket.receive().data());
            self.timers().open(socket, 3, 100_000, false);
            tick(self, socket.receive().data());
        }

        private static void tick(Process self, byte[] data) throws Exception {
            var t = TimerReply.decode(data);
            SystemMachine.report("ticks", t.timerId() + "@" + t.machineTimeNanos() + " in life " + SystemMachine.reports("forgetful.life").size());
        }
    }

    @Test
    void restartedProcessAtTheSameAddressDoesNotInheritTheTimersOfItsLastLife() {
        new SystemMachine()
                .add(SystemMachine.spec("forgetful", Forgetful.class).withRestart(Restart.onFailure(5, 10)))
                .boot().assertClean();
        assertEquals(List.of("1@" + ms(10) + " in life 1", "2@" + ms(60) + " in life 2", "3@" + ms(160) + " in life 2"),
                SystemMachine.reports("ticks"));
    }
}
