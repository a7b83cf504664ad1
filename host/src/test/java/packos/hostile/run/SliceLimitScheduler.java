package packos.hostile.run;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import packos.kernel.Context;
import packos.kernel.SchedulerCalls;
import packos.kernel.Switch;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Datagram;

/**
 * A scheduler for tests (any program holding capability "scheduler" may be one): round robin
 * over the boot config's processes, taking the CPU back at each clock tick, and killing a
 * process once the clock has preempted it LIMIT times (argument 0, default 5). It prints one
 * line per kill and per ended process, and halts when no ordinary process is left. It runs no
 * timer service, so its processes must not use timers.
 */
public final class SliceLimitScheduler implements Program {
    private static final int CLOCK_PORT = 7000;

    @Override
    public void main(Process self) {
        int limit = Integer.parseInt(self.arg(0, "5"));
        var sys = self.sys();
        SchedulerCalls sched = sys.scheduler();
        var net = self.net();
        net.kan().setYieldToRecipient(false);
        var ticks = net.udp(CLOCK_PORT);
        sys.registerInterrupt(0, CLOCK_PORT);
        var notices = net.udp(SchedulerCalls.CONTEXT_NOTICE_PORT);

        var names = new HashMap<Integer, String>();
        var slices = new HashMap<Context, Integer>();
        var runQueue = new ArrayDeque<Context>();
        int ordinary = 0, faults = 0;
        List<Context> all = new java.util.ArrayList<>();
        for (var spec : sched.bootProcesses()) {
            var c = sched.create(spec.name(), spec.program(), spec.args(), spec.capabilities());
            names.put(c.id(), spec.name());
            all.add(c);
            runQueue.add(c);
            if (!spec.daemon()) ordinary++;
        }
        var daemons = new java.util.HashSet<Integer>();
        for (var spec : sched.bootProcesses()) {
            if (spec.daemon()) for (var c : all) if (c.name().equals(spec.name())) daemons.add(c.id());
        }
        while (true) {
            net.drain();
            for (Datagram d; (d = ticks.poll()) != null; ) sys.acknowledgeInterrupt(0);
            for (Datagram d; (d = notices.poll()) != null; ) {
                var b = ByteBuffer.wrap(d.data());
                int id = b.getInt();
                boolean faulted = b.get() != 0;
                String reason = new String(d.data(), 5, d.data().length - 5, StandardCharsets.UTF_8);
                self.print("process " + names.get(id) + (faulted ? " faulted: " : " ended: ") + reason);
                if (faulted) faults++;
                if (!daemons.contains(id)) ordinary--;
            }
            if (ordinary == 0) sched.halt(faults == 0 ? 0 : 1, faults + " faulted");
            for (Context c; (c = sched.nextWoken()) != null; ) if (!runQueue.contains(c)) runQueue.add(c);
            if (runQueue.isEmpty()) {
                sched.waitForEvent();
                continue;
            }
            var next = runQueue.poll();
            Switch s = sched.yieldTo(next);
            var ran = s.context();
            if (ran == null) continue;
            if (s.reason() == Switch.Reason.PREEMPTED) {
                int used = slices.merge(ran, 1, Integer::sum);
                if (used >= limit) {
                    self.print("killing " + ran.name() + " after " + used + " time slices");
                    sched.kill(ran, "used " + used + " time slices");
                    continue;
                }
            }
            if ((s.reason() == Switch.Reason.PREEMPTED || s.reason() == Switch.Reason.YIELDED) && !runQueue.contains(ran)) {
                runQueue.add(ran);
            }
        }
    }
}
