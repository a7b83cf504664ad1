package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import packos.kernel.Address;
import packos.kernel.BootProcess;
import packos.kernel.ContextLimits;
import packos.kernel.KernelConfig;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.timer.TimerReply;
import packos.system.timer.TimerService;
import org.junit.jupiter.api.Test;

/** The timer service as a process of its own: where it lives, who may replace it, and what its restarts cost its clients. */
class TimerServiceRestartTest {
    static final Address SERVICE = Address.parse("fd00:7e8e::4000:0:0");

    public static final class WhereIsIt implements Program {
        @Override
        public void main(Process self) {
            SystemMachine.report("service", self.net().timerService());
            SystemMachine.report("live", self.sys().isKanAddressInUse(self.net().timerService()));
            SystemMachine.report("me", self.address());
        }
    }

    @Test
    void theSchedulerStartsTheTimerServiceAtItsFixedAddressAndTheFirstProcessIsStillAtThree() {
        var outcome = new SystemMachine().process("client", WhereIsIt.class).boot().assertClean();
        assertEquals(SERVICE, SystemMachine.reported("service"));
        assertEquals(true, SystemMachine.reported("live"));
        assertEquals(Address.parse("fd00:7e8e::3"), SystemMachine.reported("me"));
        assertEquals(3, outcome.stats().contextsCreated(), "the scheduler, the timer service and the client");
    }

    /** Counts TICKS ticks of a repeating timer, each at least a period after the last; reports the count and how many timers its stack opened again. */
    public static final class Ticker implements Program {
        @Override
        public void main(Process self) throws Exception {
            int ticks = Integer.parseInt(self.arg(0, "50"));
            long period = 10_000_000L;
            var socket = self.net().udp();
            self.timers().open(socket, 1, period / 1000, true);
            long last = self.now();
            int early = 0;
            for (int i = 0; i < ticks; i++) {
                var reply = TimerReply.decode(socket.receive().data());
                if (!reply.isTick()) throw new AssertionError("not a tick: " + reply);
                if (self.now() - last < period) early++;
                last = self.now();
            }
            self.timers().close(socket, 1);
            SystemMachine.report("ticks", ticks + " ticks, " + early + " early");
            SystemMachine.report("reopened", self.net().stats().timersReopened());
        }
    }

    static BootProcess timerService(String name, double faultRate) {
        return new BootProcess(name, TimerService.class.getName(), List.of(), Set.of("irq:0"), true, List.of(),
                BootProcess.Restart.onFailure(100_000, 1), ContextLimits.of(KernelConfig.defaults()).withFaultRate(faultRate), 1);
    }

    @Test
    void aTimerServiceNamedInTheConfigReplacesTheBuiltInOne() {
        var outcome = new SystemMachine().add(timerService("clock-keeper", 0)).process("client", Ticker.class, "20").boot().assertClean();
        assertEquals(List.of("20 ticks, 0 early"), SystemMachine.reports("ticks"));
        assertEquals(3, outcome.stats().contextsCreated(), "the scheduler, clock-keeper and the client: no second service");
    }

    @Test
    void aTimerServiceThatKeepsFaultingIsRestartedAtItsAddressAndEveryClientTimerOpensAgain() {
        var outcome = new SystemMachine().add(timerService("timer", 0.05)).process("client", Ticker.class, "200").boot().assertClean();
        assertEquals(List.of("200 ticks, 0 early"), SystemMachine.reports("ticks"));
        long faults = outcome.console().stream().filter(l -> l.startsWith("[scheduler] process timer faulted: InjectedFault")).count();
        assertTrue(faults > 10, outcome::consoleText);
        long reopened = SystemMachine.reported("reopened");
        assertTrue(reopened >= faults / 2, () -> reopened + " timers opened again after " + faults + " faults\n" + outcome.consoleText());
    }
}
