package packos.lib.net;

import java.util.ArrayList;
import packos.kernel.BootProcess;
import packos.kernel.Context;
import packos.kernel.ContextState;
import packos.kernel.SchedulerCalls;
import packos.kernel.Packet;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.timer.TimerProtocol;

/**
 * The library tests' scheduler (system is not a dependency of lib): creates the boot processes in
 * order, the i-th at {@link NetMachine#addressOf(int)} (one named {@link NetMachine#TIMER_SERVICE} at
 * the timer service's fixed address instead), runs ready ones round robin on one CPU,
 * sleeps when none is ready, and halts with status 0 once every ordinary process has ended. If
 * all are blocked, virtual time stalls and the kernel halts the run with status 3.
 */
public final class RoundRobinScheduler implements Program {
    @Override
    public void main(Process self) {
        var sys = self.sys();
        var sched = sys.scheduler();
        var contexts = new ArrayList<Context>();
        var ordinary = new ArrayList<Context>();
        int index = 0;
        for (BootProcess b : sched.bootProcesses()) {
            var address = b.name().equals(NetMachine.TIMER_SERVICE) ? TimerProtocol.serviceAddress(sys.kanPrefix()) : NetMachine.addressOf(index++);
            var c = sched.create(b.name(), b.program(), b.args(), b.capabilities(), address);
            contexts.add(c);
            if (!b.daemon()) ordinary.add(c);
        }
        while (true) {
            for (Packet p; (p = sys.poll()) != null; ) {
                boolean notice = p.kanSource().equals(sys.kernelAddress()) && p.u8(6) == 17 && p.u16(42) == SchedulerCalls.CONTEXT_NOTICE_PORT;
                if (!notice) NetMachine.receivedByScheduler(p.toByteArray());
                sys.free(p);
            }
            while (sched.nextWoken() != null) {
                // the pass below looks at every context anyway
            }
            if (ordinary.stream().allMatch(c -> c.state() == ContextState.FINISHED)) sched.halt(0, "every ordinary process ended");
            boolean ran = false;
            for (var c : contexts) {
                if (c.state() == ContextState.READY) {
                    sched.yieldTo(c);
                    ran = true;
                }
            }
            if (!ran) sched.waitForEvent();
        }
    }
}
