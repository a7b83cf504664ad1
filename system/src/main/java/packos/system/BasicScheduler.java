package packos.system;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import packos.kernel.Address;
import packos.kernel.BootProcess;
import packos.kernel.Capabilities;
import packos.kernel.Context;
import packos.kernel.ContextLimits;
import packos.kernel.ContextState;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.kernel.SchedulerCalls;
import packos.kernel.Switch;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Datagram;
import packos.lib.net.UdpSocket;
import packos.lib.sched.SpawnRequest;
import packos.lib.timer.ForgetRequest;
import packos.lib.timer.TimerProtocol;
import packos.lib.timer.TimerReply;
import packos.system.timer.TimerService;

/**
 * The standard scheduler, an ordinary program holding capability "scheduler". It starts the boot
 * config's processes (a process named in another's "after" list starts first), runs them by
 * weighted round robin (a process with CPU share N runs N slices in a row per round), restarts
 * them by their restart policy, and stops the machine when no ordinary (non-daemon) process is left.
 *
 * <p>Before any of them it starts the timer service ({@link TimerService}, a process holding the
 * clock's line) at its fixed address, unless the boot config names a process running that program,
 * which is then the one started first (with its own limits, restart policy and fault injection).
 * When a process ends, the scheduler tells the service to forget its timers; when the service
 * itself is restarted, it tells every process, whose library opens its timers again.
 *
 * <p>Exit status: 0 unless some process ended in failure for good: a fault it was not restarted
 * after, a restart policy that gave up, or a process that could not be started. A fault followed
 * by a successful restart is reported on the console but is not a failure of the run.
 */
public final class BasicScheduler implements Program {
    /** The name of the timer service the scheduler starts when the boot config names none. */
    public static final String TIMER_NAME = "timer";
    /** The receive queue the built-in timer service gets at least. */
    static final int TIMER_QUEUE = 1024;

    /** What the scheduler knows of one process: its boot entry, its current context, its place in the schedule. */
    private static final class Proc {
        final BootProcess spec;
        final RestartWindow restarts;
        Context context;
        boolean queued;
        /** Ended for good: never run or restarted again. */
        boolean ended;
        /** Reported its initialisation over the control protocol. */
        boolean inited;
        /** Slices left in this round: a process with CPU share N runs N slices in a row. */
        int slicesLeft;
        /**
         * Spawns refused for want of capability spawn. Only the first is said: a process asking in a
         * loop would otherwise spend the scheduler's output limits, and others' fault reports with them.
         */
        long spawnsRefused;

        Proc(BootProcess spec) {
            this.spec = spec;
            this.restarts = new RestartWindow(spec.restart());
            this.slicesLeft = spec.cpuShare();
        }
    }

    private final LinkedHashMap<String, Proc> processes = new LinkedHashMap<>();
    // In creation order: Context hashes by identity, so a HashMap would make messages that list
    // processes (the deadlock report) differ from run to run. Only live contexts are here.
    private final LinkedHashMap<Context, Proc> byContext = new LinkedHashMap<>();
    private final HashMap<Integer, Proc> byContextId = new HashMap<>();
    private final ArrayDeque<Proc> runQueue = new ArrayDeque<>();
    /** Processes that ended in failure for good: they make the exit status 1. */
    private int failures;
    /** Every fault seen, restarted or not. */
    private int faults;
    private int liveOrdinary;
    /** Boot processes not yet started (nor given up on). */
    private int unstarted;
    /** Processes started by Spawn so far: their names are PARENT.N. */
    private int spawned;
    /** The timer service, started first and always at {@link #timerAddress}. */
    private Proc timer;
    private Address timerAddress;
    /** UDP 4000: Forget to the timer service, Restarted to every process. */
    private UdpSocket timerNotices;
    private int timerRequestId;
    /** Processes not yet told that the timer service restarted (their queues were full): told at the next passes. */
    private final LinkedHashSet<Proc> owedRestartNotice = new LinkedHashSet<>();

    @Override
    public void main(Process self) {
        var sys = self.sys();
        SchedulerCalls sched = sys.scheduler();
        var net = self.net();
        // Keep control of the schedule: sending never hands our CPU away.
        net.kan().setYieldToRecipient(false);
        UdpSocket notices = net.udp(SchedulerCalls.CONTEXT_NOTICE_PORT);
        timerNotices = net.udp(TimerProtocol.PORT);
        // A process that is gone answers Port or Address Unreachable; that is no failure of ours.
        timerNotices.onError(report -> { });
        timerAddress = TimerProtocol.serviceAddress(sys.kanPrefix());
        var control = new ControlServer(net, peer -> inited(self, peer), (peer, what) -> spawn(self, sched, peer, what));

        var boot = sched.bootProcesses();
        var configured = boot.stream().filter(spec -> spec.program().equals(TimerService.class.getName())).findFirst();
        timer = new Proc(configured.orElseGet(() -> builtInTimer(boot, sched.defaultLimits())));
        processes.put(timer.spec.name(), timer);
        for (var spec : boot) processes.putIfAbsent(spec.name(), new Proc(spec));
        unstarted = processes.size();
        long daemons = boot.stream().filter(BootProcess::daemon).count();
        self.print("booting " + boot.size() + " processes (" + daemons + " daemons) on " + sched.cpus() + " CPU" + (sched.cpus() == 1 ? "" : "s"));
        startReady(self, sched);

        while (true) {
            net.drain();
            control.serve();
            for (Datagram d; (d = notices.poll()) != null; ) notice(self, sched, d);
            // Nothing is meant to arrive on the timer notices' port; whatever does is dropped.
            while (timerNotices.poll() != null) { }
            sendRestartNotices();
            for (Context c; (c = sched.nextWoken()) != null; ) enqueue(byContext.get(c));
            startReady(self, sched);
            if (liveOrdinary == 0 && !ordinaryWaitingToStart()) {
                String how = outcome();
                self.print("no ordinary process left (" + how + "); halting");
                sched.halt(failures == 0 ? 0 : 1, how);
            }
            while (!runQueue.isEmpty() && sched.idleCpus() > 0) {
                var p = runQueue.poll();
                p.queued = false;
                sched.dispatch(p.context);
            }
            if (runQueue.isEmpty()) {
                // The timer service leaves the clock unarmed while it has nothing pending.
                if (sys.clockIsVirtual() && !sched.clockArmed() && everyoneBlocked(sys)) {
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
                requeue(byContext.get(s.context()));
            }
            // The CPU may have come back from another context (a donation chain): the one we ran may still be ready.
            if (next.context.state() == ContextState.READY) enqueue(next);
        }
    }

    private String outcome() {
        if (failures > 0) return failures + " process" + (failures == 1 ? "" : "es") + " failed";
        if (faults > 0) return "no process failed; " + faults + " fault" + (faults == 1 ? " was" : "s were") + " restarted";
        return "every process ended cleanly";
    }

    /**
     * A process that became ready joins the end of the queue with a full round of slices; the
     * timer service goes to the front, so a tick reaches its clients within the tick however many
     * processes are busy (it runs briefly: a tick's worth of timers, then it blocks again).
     */
    private void enqueue(Proc p) {
        if (p == null || p.queued || p.ended) return;
        p.queued = true;
        p.slicesLeft = p.spec.cpuShare();
        if (p == timer) runQueue.addFirst(p);
        else runQueue.addLast(p);
    }

    /** A process whose slice ended runs again at once while its round lasts, else goes to the end: O(1) weighted round robin. */
    private void requeue(Proc p) {
        if (p == null || p.queued || p.ended) return;
        p.queued = true;
        if (--p.slicesLeft > 0) {
            runQueue.addFirst(p);
        } else {
            p.slicesLeft = p.spec.cpuShare();
            runQueue.addLast(p);
        }
    }

    /** Starts each process whose "after" processes have all been started. */
    private void startReady(Process self, SchedulerCalls sched) {
        // Each loop pass calls this: with nothing left to start it must cost nothing, whatever
        // the number of processes.
        if (unstarted == 0) return;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (var p : processes.values()) {
                if (p.context != null || p.ended || !p.spec.after().stream().allMatch(this::ready)) continue;
                unstarted--;
                try {
                    start(sched, p, null);
                } catch (KernelException e) {
                    self.print("cannot start " + p.spec.name() + ": " + e.getMessage());
                    p.ended = true;
                    failures++;
                    continue;
                }
                if (!p.spec.daemon()) liveOrdinary++;
                progress = true;
            }
        }
    }

    /**
     * The timer service when the config names none: a daemon holding the clock's line, restarted
     * whenever it ends. Its name is "timer" unless the config took that name for something else.
     */
    private static BootProcess builtInTimer(List<BootProcess> boot, ContextLimits defaults) {
        String name = TIMER_NAME;
        while (true) {
            String n = name;
            if (boot.stream().noneMatch(spec -> spec.name().equals(n))) break;
            name = "system-" + name;
        }
        // Every process's requests come to its one queue: a long one, so a burst of them (every
        // process reopening its timers after a restart) waits rather than being refused.
        var limits = defaults.withQueueLength(Math.max(TIMER_QUEUE, defaults.queueLength()))
                .withPacketQuota(Math.max(TIMER_QUEUE, defaults.packetQuota()));
        return new BootProcess(name, TimerService.class.getName(), List.of(), Set.of(Capabilities.irq(TimerProtocol.CLOCK_LINE)), true, List.of(),
                BootProcess.Restart.always(10, 1), limits, 1);
    }

    /**
     * Creates the process's context, at {@code address} when restarting so its peers find it where
     * it was; the timer service always at its fixed address, where every library looks for it.
     */
    private void start(SchedulerCalls sched, Proc p, Address address) {
        var s = p.spec;
        if (p == timer) address = timerAddress;
        p.context = sched.create(s.name(), s.program(), s.args(), s.capabilities(), address, s.limits());
        byContext.put(p.context, p);
        byContextId.put(p.context.id(), p);
        enqueue(p);
    }

    /** Whether the processes after {@code name} may start: it started and, if it reports its initialisation, has reported. */
    private boolean ready(String name) {
        var p = processes.get(name);
        return p != null && p.context != null && (!p.spec.reportsInit() || p.inited);
    }

    /** Whether an ordinary process has yet to start (it waits for a process to start or report): the machine must not halt under it. */
    private boolean ordinaryWaitingToStart() {
        if (unstarted == 0) return false;
        for (var p : processes.values()) if (p.context == null && !p.ended && !p.spec.daemon()) return true;
        return false;
    }

    /** A ReportInited from the process at {@code peer} (control protocol, TCP 4000). */
    private ErrorCode inited(Process self, Address peer) {
        Proc p = null;
        for (var q : byContext.values()) if (q.context.address().equals(peer)) p = q;
        if (p == null) return ErrorCode.DOES_NOT_EXIST;
        if (!p.inited) {
            p.inited = true;
            self.print(p.spec.name() + " activated");
        }
        return ErrorCode.NONE;
    }

    /**
     * A Spawn from the process at {@code peer}: it must hold capability {@code spawn}. The new
     * process holds no capability (spawning cannot raise privilege), has its parent's limits, CPU
     * share and daemon setting, is never restarted, and is named PARENT.N.
     */
    private ControlServer.Spawned spawn(Process self, SchedulerCalls sched, Address peer, SpawnRequest what) {
        Proc parent = null;
        for (var q : byContext.values()) if (q.context.address().equals(peer)) parent = q;
        if (parent == null) return ControlServer.Spawned.refused(ErrorCode.DOES_NOT_EXIST);
        var s = parent.spec;
        if (!s.capabilities().contains(Capabilities.SPAWN)) {
            if (parent.spawnsRefused++ == 0) {
                self.print(s.name() + " asked to spawn " + what.program() + " without capability spawn: refused"
                        + " (further refusals are not reported)");
            }
            return ControlServer.Spawned.refused(ErrorCode.CAPABILITY_MISSING);
        }
        String name;
        do {
            name = s.name() + "." + ++spawned;
        } while (processes.containsKey(name));
        var child = new Proc(new BootProcess(name, what.program(), what.args(), Set.of(), s.daemon(), List.of(),
                BootProcess.Restart.NEVER, s.limits(), s.cpuShare(), false));
        try {
            start(sched, child, null);
        } catch (KernelException e) {
            self.print(s.name() + " asked to spawn " + what.program() + ": " + e.getMessage());
            return ControlServer.Spawned.refused(e.code());
        }
        processes.put(name, child);
        if (!child.spec.daemon()) liveOrdinary++;
        self.print(s.name() + " spawned " + name + " (" + what.program() + ") at " + child.context.address());
        return new ControlServer.Spawned(ErrorCode.NONE, child.context.address());
    }

    /** {@code p} ended for good before it reported its initialisation: what waits for it will never start. */
    private void abandonDependants(Process self, Proc p) {
        if (!p.spec.reportsInit() || p.inited) return;
        var waiting = new ArrayList<String>();
        var gone = new java.util.HashSet<String>(List.of(p.spec.name()));
        boolean more = true;
        while (more) {
            more = false;
            for (var q : processes.values()) {
                if (q.context != null || q.ended || q.spec.after().stream().noneMatch(gone::contains)) continue;
                q.ended = true;
                unstarted--;
                failures++;
                gone.add(q.spec.name());
                waiting.add(q.spec.name());
                more = true;
            }
        }
        if (!waiting.isEmpty()) self.print("process " + p.spec.name() + " ended before it reported initialised; " + String.join(", ", waiting) + " will not start");
    }

    /** The kernel's notice that a context ended: context id (u32), faulted (u8), reason (UTF-8). */
    private void notice(Process self, SchedulerCalls sched, Datagram d) {
        if (d.data().length < 5 || !d.source().equals(self.sys().kernelAddress())) return;
        var b = ByteBuffer.wrap(d.data());
        int id = b.getInt();
        boolean faulted = b.get() != 0;
        String reason = new String(d.data(), 5, d.data().length - 5, StandardCharsets.UTF_8);
        var p = byContextId.get(id);
        if (p != null) ended(self, sched, p, faulted, reason);
    }

    /**
     * One of our processes' contexts ended: forget its timers, then restart it or let it go, and
     * say so in one line: which process, what it did, what happens next.
     */
    private void ended(Process self, SchedulerCalls sched, Proc p, boolean faulted, String reason) {
        var old = p.context;
        byContext.remove(old);
        byContextId.remove(old.id());
        // Before any restart: the next life at this address must not get the last one's ticks. The
        // service takes its requests in order, so this comes before anything the next life asks.
        if (p != timer) forgetTimersOf(self, old.address());
        if (faulted) faults++;
        String what = "process " + p.spec.name() + (faulted ? " faulted: " + reason : " exited");
        if (!p.restarts.wants(faulted)) {
            finish(p, faulted);
            abandonDependants(self, p);
            if (faulted) self.print(what + "; not restarted");
            return;
        }
        var r = p.restarts;
        if (!r.tryRestart(self.now())) {
            finish(p, true);
            abandonDependants(self, p);
            self.print(what + "; giving up after " + r.inWindow() + " restart" + (r.inWindow() == 1 ? "" : "s") + " in " + r.withinSeconds() + " s");
            return;
        }
        try {
            start(sched, p, old.address());
        } catch (KernelException e) {
            finish(p, true);
            self.print(what + "; cannot restart it: " + e.getMessage());
            return;
        }
        self.print(what + "; restarting (" + r.inWindow() + " of " + r.max() + " in " + r.withinSeconds() + " s)");
        if (p == timer) timerRestarted();
    }

    /** Asks the timer service to drop the timers of the process that was at {@code owner}; never waits. */
    private void forgetTimersOf(Process self, Address owner) {
        byte[] request = new ForgetRequest(++timerRequestId, owner).encode();
        try {
            // Not retried later: a Forget that came after the next life's first Open would take its timers.
            if (!timerNotices.trySend(timerAddress, TimerProtocol.PORT, request, 0, request.length)) {
                self.print("the timer service's queue is full: the timers of " + owner + " go only when their ticks find no one");
            }
        } catch (KernelException e) {
            // The service is gone too (restarting): its table went with it.
        }
    }

    /**
     * The timer service came back with an empty table: every process hears so on its UDP 4000 and
     * its library opens its timers again. The new service's requests wait in its queue until it
     * runs, so nothing sent now is lost for being early.
     */
    private void timerRestarted() {
        for (var p : byContext.values()) if (p != timer) owedRestartNotice.add(p);
        sendRestartNotices();
    }

    /**
     * Tells the processes still owed it that the timer service restarted. The scheduler never
     * waits on a full queue: a process whose queue is full hears at a later pass of the loop. A
     * notice twice is harmless (opening a timer again replaces it); none at all would stop its timers.
     */
    private void sendRestartNotices() {
        if (owedRestartNotice.isEmpty()) return;
        byte[] notice = new TimerReply(TimerProtocol.RESTARTED, ++timerRequestId, 0, 0, 0).encode();
        for (var it = owedRestartNotice.iterator(); it.hasNext(); ) {
            var p = it.next();
            if (p.ended || p.context == null || !byContext.containsKey(p.context)) {
                it.remove();  // ended: a life that follows starts with no timer to reopen
                continue;
            }
            try {
                if (timerNotices.trySend(p.context.address(), TimerProtocol.PORT, notice, 0, notice.length)) it.remove();
            } catch (KernelException e) {
                it.remove();  // ended meanwhile: the notice of its end is on its way to us
            }
        }
    }

    /** The process will not run again; a failure makes the run's exit status 1. */
    private void finish(Proc p, boolean failed) {
        p.ended = true;
        if (!p.spec.daemon()) liveOrdinary--;
        if (failed) failures++;
    }

    private boolean everyoneBlocked(packos.kernel.Syscalls sys) {
        if (sys.pending() > 0) return false;
        for (var p : byContext.values()) {
            if (p.context.state() != ContextState.BLOCKED) return false;
        }
        return true;
    }

    private String blockedNames() {
        var names = new ArrayList<String>();
        // The timer service waits for requests by design; it is not part of a deadlock.
        for (var p : byContext.values()) if (p != timer) names.add(p.spec.name());
        return String.join(", ", names);
    }

    List<String> names() { return List.copyOf(processes.keySet()); }
}
