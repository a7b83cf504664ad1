package packos.system;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import packos.kernel.BootProcess;
import packos.kernel.Context;
import packos.kernel.ContextState;
import packos.kernel.Kernel;
import packos.kernel.KernelException;
import packos.kernel.SchedulerCalls;
import packos.kernel.Switch;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Datagram;
import packos.lib.net.UdpSocket;
import packos.lib.timer.TimerProtocol;

/**
 * The standard scheduler, an ordinary program holding capability "scheduler". It starts the boot
 * config's processes (a process named in another's "after" list starts first), runs them round
 * robin, takes clock ticks as interrupt packets on UDP 7000, runs the timer service on UDP 4000,
 * and stops the machine when no ordinary (non-daemon) process is left.
 */
public final class BasicScheduler implements Program {
    public static final int CLOCK_PORT = 7000;
    public static final int CLOCK_LINE = 0;

    /** What the scheduler knows of one process. */
    private static final class Proc {
        final BootProcess spec;
        Context context;
        boolean queued;
        boolean ended;

        Proc(BootProcess spec) { this.spec = spec; }
    }

    private final LinkedHashMap<String, Proc> processes = new LinkedHashMap<>();
    // In creation order: Context hashes by identity, so a HashMap would make messages that list
    // processes (the deadlock report) differ from run to run.
    private final LinkedHashMap<Context, Proc> byContext = new LinkedHashMap<>();
    private final ArrayDeque<Proc> runQueue = new ArrayDeque<>();
    private int faults;
    private int liveOrdinary;

    @Override
    public void main(Process self) {
        var sys = self.sys();
        SchedulerCalls sched = sys.scheduler();
        var net = self.net();
        // Keep control of the schedule: sending never hands our CPU away.
        net.kan().setYieldToRecipient(false);
        UdpSocket ticks = net.udp(CLOCK_PORT);
        sys.registerInterrupt(CLOCK_LINE, CLOCK_PORT);
        UdpSocket notices = net.udp(Kernel.CONTEXT_NOTICE_PORT);
        var timers = new TimerService(net.udp(TimerProtocol.PORT), sys.clockHz());
        long period = 1_000_000_000L / sys.clockHz();

        for (var spec : sched.bootProcesses()) processes.put(spec.name(), new Proc(spec));
        long daemons = processes.values().stream().filter(p -> p.spec.daemon()).count();
        self.print("booting " + processes.size() + " processes (" + daemons + " daemons) on " + sched.cpus() + " CPU" + (sched.cpus() == 1 ? "" : "s"));
        startReady(self, sched);

        while (true) {
            net.drain();
            for (Datagram d; (d = ticks.poll()) != null; ) {
                sys.acknowledgeInterrupt(CLOCK_LINE);
                long now = sys.now();
                timers.advanceTo(now / period, now);
            }
            timers.serveRequests(sys.now());
            for (Datagram d; (d = notices.poll()) != null; ) ended(self, timers, d);
            for (Context c; (c = sched.nextWoken()) != null; ) enqueue(byContext.get(c));
            startReady(self, sched);
            if (liveOrdinary == 0) {
                String how = faults == 0 ? "every process ended cleanly" : faults + " process" + (faults == 1 ? "" : "es") + " faulted";
                self.print("no ordinary process left (" + how + "); halting");
                sched.halt(faults == 0 ? 0 : 1, how);
            }
            while (!runQueue.isEmpty() && sched.idleCpus() > 0) {
                var p = runQueue.poll();
                p.queued = false;
                sched.dispatch(p.context);
            }
            if (runQueue.isEmpty()) {
                if (sys.clockIsVirtual() && timers.idle() && everyoneBlocked(sys)) {
                    self.print("deadlock: every process is blocked and no timer is pending: " + blockedNames());
                    sched.halt(2, "deadlock: " + blockedNames());
                }
                sched.waitForEvent();
                continue;
            }
            var next = runQueue.poll();
            next.queued = false;
            Switch s = sched.yieldTo(next.context);
            if (s.context() != null && (s.reason() == Switch.Reason.YIELDED || s.reason() == Switch.Reason.PREEMPTED)) {
                enqueue(byContext.get(s.context()));
            }
            // The CPU may have come back from another context (a donation chain): the one we ran may still be ready.
            if (next.context.state() == ContextState.READY) enqueue(next);
        }
    }

    private void enqueue(Proc p) {
        if (p == null || p.queued || p.ended) return;
        p.queued = true;
        runQueue.add(p);
    }

    /** Starts each process whose "after" processes have all been started. */
    private void startReady(Process self, SchedulerCalls sched) {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (var p : processes.values()) {
                if (p.context != null || p.ended || !p.spec.after().stream().allMatch(n -> started(n))) continue;
                try {
                    p.context = sched.create(p.spec.name(), p.spec.program(), p.spec.args(), p.spec.capabilities());
                } catch (KernelException e) {
                    self.print("cannot start " + p.spec.name() + ": " + e.getMessage());
                    p.ended = true;
                    faults++;
                    continue;
                }
                byContext.put(p.context, p);
                if (!p.spec.daemon()) liveOrdinary++;
                enqueue(p);
                progress = true;
            }
        }
    }

    private boolean started(String name) {
        var p = processes.get(name);
        return p != null && p.context != null;
    }

    /** The kernel's notice that a context ended: context id (u32), faulted (u8), reason (UTF-8). */
    private void ended(Process self, TimerService timers, Datagram d) {
        if (d.data().length < 5 || !d.source().equals(self.sys().kernelAddress())) return;
        var b = ByteBuffer.wrap(d.data());
        int id = b.getInt();
        boolean faulted = b.get() != 0;
        String reason = new String(d.data(), 5, d.data().length - 5, StandardCharsets.UTF_8);
        for (var p : byContext.values()) {
            if (p.context.id() != id || p.ended) continue;
            p.ended = true;
            timers.forget(p.context.address());
            if (!p.spec.daemon()) liveOrdinary--;
            if (faulted) {
                faults++;
                self.print("process " + p.spec.name() + " faulted: " + reason + "; it is not restarted");
            }
            return;
        }
    }

    private boolean everyoneBlocked(packos.kernel.Syscalls sys) {
        if (sys.pending() > 0) return false;
        for (var p : byContext.values()) {
            if (!p.ended && p.context.state() != ContextState.BLOCKED) return false;
        }
        return true;
    }

    private String blockedNames() {
        var names = new ArrayList<String>();
        for (var p : byContext.values()) if (!p.ended) names.add(p.spec.name());
        return String.join(", ", names);
    }

    List<String> names() { return List.copyOf(processes.keySet()); }
}
