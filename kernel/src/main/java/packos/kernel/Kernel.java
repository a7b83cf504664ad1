package packos.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import packos.machine.Clock;
import packos.machine.Console;
import packos.machine.InterruptSink;
import packos.machine.Machine;
import packos.machine.VirtualClock;

/**
 * The PackOS kernel: the KAN, packet pages, interrupt dispatch and context switching. One lock
 * guards it all (the big kernel lock the original paper proposed for SMP); every call holds it
 * for O(1) work and never waits inside it.
 */
public final class Kernel {
    /** UDP port on the scheduler where the kernel reports ended contexts. */
    public static final int CONTEXT_NOTICE_PORT = 7001;
    public static final String CAP_SCHEDULER = "scheduler";
    public static final String CAP_FORWARD = "forward";
    public static final String CAP_SPAWN = "spawn";

    final ReentrantLock lock = new ReentrantLock();
    final Machine machine;
    final KernelConfig config;
    final PacketPool pool;
    /** What the JVM's carrier threads have allocated, and how full its heap is: the heap meter's view of the host. */
    final CarrierAllocation carriers = new CarrierAllocation();
    final HostHeap hostHeap = new HostHeap();
    private final ProgramLoader loader;
    private final Cpu[] cpus;
    /** Takes a CPU back from a runaway that reaches no preemption point (see CpuWatch). */
    private final CpuWatch cpuWatch;
    /**
     * Carrier threads beyond one per CPU. A runaway the watchdog took a CPU from keeps its carrier
     * until it reaches the kernel again (perhaps never): the CPU runs on a spare one meanwhile.
     */
    private int spareCarriers;
    /** Runaways still holding their carrier. */
    private final java.util.concurrent.atomic.AtomicInteger lostCarriers = new java.util.concurrent.atomic.AtomicInteger();
    private final HashMap<Address, Context> byAddress = new HashMap<>();
    private final ArrayList<Context> contexts = new ArrayList<>();
    private final ArrayDeque<Context> woken = new ArrayDeque<>();
    private final Context[] interruptOwner = new Context[packos.machine.InterruptController.LINES];
    private final int[] interruptPort = new int[packos.machine.InterruptController.LINES];
    private final Address kernelAddress;
    private final Address schedulerAddress;
    private final SplittableRandom random;
    private final CountDownLatch halt = new CountDownLatch(1);
    private Context scheduler;
    /** The live context holding {@link #CAP_FORWARD} that processes route off the KAN through; null when none lives. */
    private Context gateway;
    /** The scheduler was woken to see a stall and no other context has run since. Lock held. */
    private boolean stallShown;
    private List<BootProcess> bootProcesses = List.of();
    private long nextInterfaceId = 3;
    private KanTap tap;
    /** Null while every link is perfect: the send path then pays one null check for impairment. */
    private LinkConditioner link;
    private volatile boolean halted;
    private int exitStatus;
    private String haltReason = "";
    private long delivered, queueFull, unreachable, spoofRefused, malformed, wrongNextHop;
    private long interruptsDelivered, interruptsLost, spuriousInterrupts;
    private long virtualCpuNanos;
    private int contextsFaulted;
    /**
     * A packet reached the scheduler while it ran, so nothing was arranged for it: see yieldTo and
     * waitForEvent. Only they clear it: the library may have moved the packet from the queue into
     * a socket's buffer after the scheduler looked there, so an empty queue does not mean seen.
     */
    private boolean schedulerPacketUnseen;

    public Kernel(Machine machine, KernelConfig config, ProgramLoader loader) {
        this.machine = machine;
        this.config = config;
        this.loader = loader;
        this.pool = new PacketPool(config.pageSize(), config.pages());
        this.cpus = new Cpu[machine.cpus()];
        for (int i = 0; i < cpus.length; i++) cpus[i] = new Cpu(i);
        this.spareCarriers = Math.max(0, carrierThreads() - cpus.length);
        this.cpuWatch = new CpuWatch(this, cpus.length, CpuWatch.HOLD_NANOS);
        this.kernelAddress = config.prefix().address().withInterfaceId(1);
        this.schedulerAddress = config.prefix().address().withInterfaceId(2);
        this.random = new SplittableRandom(config.seed());
    }

    /** The JVM's carrier threads for virtual threads, as its documented property sets them. */
    public static int carrierThreads() {
        return Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
    }

    /** Carrier threads the launcher asks for beyond one per CPU: see {@link #spareCarriers}. */
    public static final int SPARE_CARRIERS = 2;

    public Address kernelAddress() { return kernelAddress; }

    public Address schedulerAddress() { return schedulerAddress; }

    public KernelConfig config() { return config; }

    private boolean watchCpus = true;

    /**
     * Spare carrier threads held busy until a runaway needs one (see host's SpareCarriers): an idle
     * carrier costs every packet handoff latency. Without one, the spares are whatever carriers the
     * JVM has beyond one per CPU, idle.
     */
    public interface CarrierReserve {
        /** How many carriers it holds at most. */
        int spares();

        /** Lets one held carrier serve the machine. */
        void release();

        /** A released carrier came back from a runaway: hold one again. */
        void restore();
    }

    private CarrierReserve reserve;

    /** Holds the spare carriers out of the way until the watchdog needs them; call before boot. */
    public void setCarrierReserve(CarrierReserve r) {
        reserve = r;
        spareCarriers = r.spares();
    }

    /**
     * Whether the watchdog takes CPUs back from runaways (on unless switched off, before boot): off
     * only for programs without preemption points, which never reach the kernel while they compute.
     */
    public void setCpuWatch(boolean on) { watchCpus = on; }

    /** Installs the capture hook; call before boot. */
    public void setTap(KanTap tap) {
        lock.lock();
        try {
            this.tap = tap;
        } finally {
            lock.unlock();
        }
    }

    /** Impairs links between contexts as {@code rules} say (loss, delay, ...); call before boot. */
    public void setLinkRules(LinkRules rules) {
        lock.lock();
        try {
            if (scheduler != null) throw new IllegalStateException("link rules are set before boot");
            link = rules.isNone() ? null : new LinkConditioner(rules, config.seed(), new KanWire());
        } finally {
            lock.unlock();
        }
    }

    /** How the link conditioner reaches the KAN: the receive queues and the pool. Lock held. */
    private final class KanWire implements LinkConditioner.Wire {
        @Override
        public boolean queue(Context to, Packet p) {
            if (to.state == ContextState.FINISHED || full(to)) return false;
            Kernel.this.queue(to, p);
            return true;
        }

        @Override
        public void wake(Context to) { Kernel.this.wake(to); }

        @Override
        public void discard(Packet p) {
            p.kill();
            pool.give(p.page);
        }

        @Override
        public Packet copy(Packet p) {
            try {
                return p.copyInto(pool.take());
            } catch (KernelException e) {
                return null; // the pool is exhausted: the wire makes no copy
            }
        }
    }

    /** Packets on an impaired link that are due by now go to their receivers. Lock held. */
    private void releaseHeld() {
        if (link != null && link.holding()) link.releaseDue(machine.clock().nanos());
    }

    /**
     * Boots: the scheduler program becomes the first context, on CPU 0, with the capabilities
     * {@code scheduler}, {@code spawn} and {@code irq:0} (the clock). Returns the exit status the
     * scheduler halts with.
     */
    public int boot(String schedulerProgram, List<String> args, List<BootProcess> processes) throws ProgramLoader.ProgramLoadException {
        return boot(schedulerProgram, args, processes, 0, TimeUnit.MILLISECONDS);
    }

    /** Boots the named scheduler program; a positive {@code timeout} of host time stops a run that does not end. */
    public int boot(String schedulerProgram, List<String> args, List<BootProcess> processes, long timeout, TimeUnit unit)
            throws ProgramLoader.ProgramLoadException {
        var signals = new Signals(ContextLimits.of(config));
        var entry = loader.load(schedulerProgram, "scheduler", args, signals);
        return timeout > 0 ? boot(entry, signals, processes, timeout, unit) : boot(entry, signals, processes);
    }

    /** Boots with a scheduler given as code: for tests and embedders, never reachable by a program. */
    public int boot(ContextEntry schedulerEntry, List<BootProcess> processes) {
        return boot(schedulerEntry, new Signals(ContextLimits.of(config)), processes);
    }

    private int boot(ContextEntry schedulerEntry, Signals signals, List<BootProcess> processes) {
        lock.lock();
        try {
            if (scheduler != null) throw new IllegalStateException("the kernel has already booted");
            bootProcesses = List.copyOf(processes);
            // The scheduler is never injected with faults, whatever its limits: it is the one that restarts.
            scheduler = newContext(ContextName.SCHEDULER, schedulerAddress, kernelAddress,
                    Set.of(CAP_SCHEDULER, CAP_SPAWN, "irq:" + Clock.LINE), schedulerEntry, signals, false);
            machine.interrupts().connect(new InterruptSink() {
                @Override
                public void interrupt(int line) { Kernel.this.interrupt(line); }

                @Override
                public void raisedWhileMasked(int line) {
                    if (line == Clock.LINE) sliceEnded();
                }
            });
            // The clock runs before the scheduler does: a scheduler that registers for ticks and
            // sleeps at once would otherwise find a virtual clock with no controller and stall.
            machine.clock().start(machine.interrupts());
            hostHeap.watch();
            giveCpu(cpus[0], scheduler);
            if (watchCpus) cpuWatch.start();
        } finally {
            lock.unlock();
        }
        try {
            halt.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            halt(130, "interrupted");
        }
        machine.clock().stop();
        cpuWatch.stop();
        hostHeap.close();
        machine.console().flush();
        return exitStatus;
    }

    /** Boots like {@link #boot(ContextEntry, List)} but gives up after a host-time limit. */
    public int boot(ContextEntry schedulerEntry, List<BootProcess> processes, long timeout, TimeUnit unit) {
        return boot(schedulerEntry, new Signals(ContextLimits.of(config)), processes, timeout, unit);
    }

    private int boot(ContextEntry schedulerEntry, Signals signals, List<BootProcess> processes, long timeout, TimeUnit unit) {
        var watchdog = Thread.ofPlatform().daemon().name("packos-watchdog").start(() -> {
            try {
                if (!halt.await(timeout, unit)) halt(124, "timed out after " + unit.toMillis(timeout) + " ms of host time");
            } catch (InterruptedException ignored) {
                // the boot ended first
            }
        });
        int status = boot(schedulerEntry, signals, processes);
        watchdog.interrupt();
        return status;
    }

    public String haltReason() {
        lock.lock();
        try {
            return haltReason;
        } finally {
            lock.unlock();
        }
    }

    public boolean halted() { return halted; }

    public KernelStats stats() {
        lock.lock();
        try {
            return new KernelStats(delivered, queueFull, unreachable, spoofRefused, malformed, wrongNextHop,
                    interruptsDelivered, interruptsLost, spuriousInterrupts, contexts.size(), contextsFaulted, pool.inUse() - cachedPages(),
                    link == null ? LinkStats.NONE : link.stats());
        } finally {
            lock.unlock();
        }
    }

    /** Pages sitting wiped in contexts' caches: free for their owners, so not "in use". */
    private int cachedPages() {
        int n = 0;
        for (var c : contexts) n += c.cachedPages;
        return n;
    }

    /** Ends the run: every context unwinds at its next kernel call or wake-up. */
    public void halt(int status, String reason) {
        lock.lock();
        try {
            haltLocked(status, reason);
        } finally {
            lock.unlock();
        }
    }

    private void haltLocked(int status, String reason) {
        if (halted) return;
        halted = true;
        exitStatus = status;
        haltReason = reason;
        // No one will receive again: what waits in receive queues (a last clock tick, a packet sent
        // as the run ended) goes back to the pool, so the pages still in use are only those some
        // program took and never gave back.
        for (var c : contexts) {
            if (c.queue == null) continue;
            for (Packet p; (p = c.queue.poll()) != null; ) {
                p.kill();
                pool.give(p.page);
            }
        }
        // The living say what they lost to their output limits now; the ended said it as they ended.
        for (var c : contexts) if (c.state != ContextState.FINISHED) reportDroppedOutput(c);
        for (var c : contexts) if (c.thread != null) LockSupport.unpark(c.thread);
        halt.countDown();
    }

    // ---- contexts ------------------------------------------------------------------------

    private Context newContext(String name, Address address, Address creator, Set<String> caps, ContextEntry entry, Signals signals,
                               boolean injectable) {
        int id = contexts.size();
        var faults = injectable ? FaultInjection.of(signals.limits(), config.seed(), id) : null;
        var c = new Context(this, id, name, address, creator, caps, entry, signals, faults);
        contexts.add(c);
        byAddress.put(address, c);
        // The first forwarder is the gateway; a later one takes over only when it has ended, so the answer stays O(1).
        if (c.forwards && gateway == null) gateway = c;
        return c;
    }

    Context create(Context creator, String name, String program, List<String> args, Set<String> caps, Address requested,
                   ContextLimits limits) {
        ContextName.check(name);
        ContextEntry entry;
        if (lostCarriers.get() >= spareCarriers && lostCarriers.get() > 0) {
            throw new KernelException(ErrorCode.OUT_OF_MEMORY, "no carrier thread to spare for " + name + ": "
                    + lostCarriers.get() + " runaway(s) still hold theirs");
        }
        var signals = new Signals(limits != null ? limits : ContextLimits.of(config));
        try {
            entry = loader.load(program, name, args, signals);
        } catch (ProgramLoader.ProgramLoadException e) {
            throw new KernelException(ErrorCode.DOES_NOT_EXIST, e.getMessage());
        }
        lock.lock();
        try {
            checkLive();
            Address address;
            if (requested != null) {
                if (!config.prefix().contains(requested)) {
                    throw new KernelException(ErrorCode.INVALID_ARGUMENT, requested + " is not in the KAN prefix " + config.prefix());
                }
                if (requested.equals(kernelAddress) || byAddress.containsKey(requested)) {
                    throw new KernelException(ErrorCode.ADDRESS_IN_USE, requested.toString());
                }
                address = requested;
            } else {
                do {
                    address = config.prefix().address().withInterfaceId(nextInterfaceId++);
                } while (byAddress.containsKey(address));
            }
            var ctx = newContext(name, address, creator.address, caps, entry, signals, true);
            ctx.state = ContextState.READY;
            return ctx;
        } finally {
            lock.unlock();
        }
    }

    List<Context> contexts() {
        lock.lock();
        try {
            return List.copyOf(contexts);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The KAN address of the newest context created under {@code name}, if there is one, living or
     * ended: a restarted process gets its old address again, so a host-side relay (user-mode
     * networking's port forwards) can name a process before and across its restarts.
     */
    public java.util.Optional<Address> addressOf(String name) {
        lock.lock();
        try {
            for (int i = contexts.size() - 1; i >= 0; i--) {
                if (contexts.get(i).name.equals(name)) return java.util.Optional.of(contexts.get(i).address);
            }
            return java.util.Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    Context contextAt(Address a) {
        lock.lock();
        try {
            return byAddress.get(a);
        } finally {
            lock.unlock();
        }
    }

    /** The gateway's KAN address, or null: see {@link Syscalls#gateway()}. */
    Address gateway() {
        lock.lock();
        try {
            return gateway == null ? null : gateway.address;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a live context, or the kernel itself, has {@code a}: see {@link Syscalls#isKanAddressInUse}. */
    boolean isKanAddressInUse(Address a) {
        lock.lock();
        try {
            return a.equals(kernelAddress) || byAddress.containsKey(a);
        } finally {
            lock.unlock();
        }
    }

    List<BootProcess> bootProcesses() { return bootProcesses; }

    int cpuCount() { return cpus.length; }

    private void threadBody(Context ctx) {
        try {
            run(ctx);
        } finally {
            carrierReturned(ctx);
        }
    }

    private void run(Context ctx) {
        try {
            awaitCpu(ctx);
        } catch (Halted h) {
            return;
        }
        Throwable fault = null;
        try {
            // The kernel charges what it allocates outside any pool for a context to the context (Packet.standalone).
            ScopedValue.where(Signals.CURRENT, ctx.signals).call(() -> {
                ctx.entry.run(ctx.sys);
                return null;
            });
        } catch (Halted h) {
            return;
        } catch (Throwable t) {
            fault = t;
        }
        String reason;
        try {
            reason = fault == null ? "exited" : describeOwn(fault);
        } catch (Halted h) {
            return;
        }
        finish(ctx, fault, reason);
    }

    /** Longest fault message kept: the scheduler is told 512 bytes of it, the console shows one line. */
    private static final int MESSAGE_MAX = 1024;

    /**
     * Why a context ended, asked of the program's own throwable on the context's own thread before
     * the kernel takes its lock: a message is program code, which may loop (preemptible and
     * killable here, while under the lock it would stop every CPU), throw, or be huge.
     */
    private static String describeOwn(Throwable t) {
        String m;
        try {
            m = t.getMessage();
        } catch (Halted h) {
            throw h;
        } catch (Throwable e) {
            m = "(its message could not be read: " + e.getClass().getSimpleName() + ")";
        }
        if (m != null && m.length() > MESSAGE_MAX) m = m.substring(0, MESSAGE_MAX) + "...";
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private void finish(Context ctx, Throwable fault, String reason) {
        lock.lock();
        try {
            if (halted || ctx.state == ContextState.FINISHED) return;
            // Doomed while it ran (killed, or a foreign thread called as it) and ended before its next kernel
            // call: that is why it ended, whatever it threw on the way out (a gatherer rethrows the fault wrapped).
            if (ctx.doom != null) {
                fault = ctx.doom;
                reason = describe(fault);
            }
            ctx.state = ContextState.FINISHED;
            ctx.fault = fault;
            ctx.endReason = reason;
            if (fault != null) contextsFaulted++;
            reclaim(ctx);
            if (ctx == scheduler) {
                haltLocked(fault == null ? 0 : 1, fault == null ? "the scheduler returned" : "the scheduler faulted: " + ctx.endReason);
                return;
            }
            notifyScheduler(ctx, fault);
            releaseCpu(ctx, Switch.Reason.FINISHED);
        } finally {
            lock.unlock();
        }
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** Takes back everything a finished context held: pages, its address, its interrupts, its devices' DMA and RAM. */
    private void reclaim(Context ctx) {
        if (ctx.queue != null) {
            for (Packet p; (p = ctx.queue.poll()) != null; ) {
                p.kill();
                pool.give(p.page);
            }
        }
        for (; ctx.cachedPages > 0; ctx.cachedPages--) {
            pool.give(ctx.pageCache[ctx.cachedPages - 1]);
            ctx.pageCache[ctx.cachedPages - 1] = null;
        }
        // Handles still held by the dead program are garbage now; their pages go back to the count.
        for (; ctx.pagesHeld > 0; ctx.pagesHeld--) pool.forget();
        if (link != null) link.forget(ctx);
        byAddress.remove(ctx.address);
        if (gateway == ctx) gateway = null;
        for (int line = 0; line < interruptOwner.length; line++) {
            if (interruptOwner[line] == ctx) {
                interruptOwner[line] = null;
                machine.interrupts().acknowledge(line);
            }
        }
        ctx.sys.releaseDevices();
        reportDroppedOutput(ctx);
    }

    private void reportDroppedOutput(Context ctx) {
        var summary = ctx.output.summary(ctx.name);
        if (summary != null) machine.console().line(Console.SYSTEM, summary);
    }

    /** Tells the scheduler a context ended: id (u32), faulted (u8), reason text (UTF-8). */
    private void notifyScheduler(Context ctx, Throwable fault) {
        byte[] text = ctx.endReason.getBytes(StandardCharsets.UTF_8);
        int len = Math.min(text.length, 512);
        var payload = new byte[5 + len];
        payload[0] = (byte) (ctx.id >>> 24);
        payload[1] = (byte) (ctx.id >>> 16);
        payload[2] = (byte) (ctx.id >>> 8);
        payload[3] = (byte) ctx.id;
        payload[4] = (byte) (fault == null ? 0 : 1);
        System.arraycopy(text, 0, payload, 5, len);
        sendFromKernel(scheduler, CONTEXT_NOTICE_PORT, payload, false);
    }

    // ---- CPUs ----------------------------------------------------------------------------

    private void giveCpu(Cpu cpu, Context ctx) {
        if (ctx != scheduler) stallShown = false;
        cpu.current = ctx;
        ctx.state = ContextState.RUNNING;
        ctx.cpu = cpu;
        if (ctx.thread == null) {
            ctx.thread = Thread.ofVirtual().name("packos-" + ctx.name).unstarted(() -> threadBody(ctx));
            ctx.thread.start();
        } else {
            LockSupport.unpark(ctx.thread);
        }
    }

    /** Parks the calling context until it holds a CPU again. Called without the lock. */
    void awaitCpu(Context ctx) {
        boolean left = ctx.cpu == null;
        // What the carriers allocate from here until we run again is someone else's.
        if (left) ctx.signals.leavingCpu();
        while (ctx.cpu == null) {
            if (halted) throw haltedIn(ctx);
            // Killed while waiting: the kernel has already reclaimed it; it never runs again.
            if (ctx.state == ContextState.FINISHED) parkForGood(ctx);
            park(ctx);
        }
        if (halted) throw haltedIn(ctx);
        if (left) ctx.signals.backOnCpu();
    }

    /**
     * Parks a context's thread. A thread that recursed to the edge of its stack can overflow as
     * the JVM mounts it again, in the park itself: holding a CPU, it takes the error like any
     * other; without one it must not leave the kernel, or it would run with no CPU.
     */
    /** Overflows in a row that a context without a CPU may meet in park before it is ended. */
    private static final int PARK_OVERFLOWS = 100_000;

    private void park(Context ctx) {
        try {
            LockSupport.park(this);
            ctx.parkOverflows = 0;
        } catch (StackOverflowError e) {
            if (ctx.cpu != null) throw e;
            // Usually the next park succeeds. One that overflows every time would spin on its
            // carrier for ever, which with one carrier per CPU starves the context that holds
            // the CPU: past a bound its process ends, and the error unwinds it to where it can
            // park; every preemption point on the way finds the doom, so no program code runs
            // without a CPU (see dieOf).
            if (++ctx.parkOverflows < PARK_OVERFLOWS) return;
            lock.lock();
            try {
                if (!halted && ctx.state != ContextState.FINISHED) {
                    var fault = doom(ctx, new RunawayFault("it recursed so near the edge of its stack that it could not give its CPU up"));
                    end(ctx, fault);
                }
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    /**
     * The context gives up its CPU. It goes back to a donor that is waiting for it, else to the
     * scheduler if it is waiting for one, else it idles. Lock held.
     */
    void releaseCpu(Context self, Switch.Reason reason) {
        self.heldSince = -1;
        Cpu cpu = self.cpu;
        self.cpu = null;
        cpu.current = null;
        Context donor = self.donor;
        self.donor = null;
        boolean gaveUp = reason == Switch.Reason.BLOCKED || reason == Switch.Reason.FINISHED;
        if (gaveUp && donor != null && donor.state == ContextState.READY && donor.cpu == null && !cpu.preempt) {
            giveCpu(cpu, donor);
            return;
        }
        if (self != scheduler && scheduler.state == ContextState.READY && scheduler.cpu == null) {
            cpu.preempt = false;
            scheduler.lastSwitch = new Switch(self, reason);
            giveCpu(cpu, scheduler);
            return;
        }
        if (reason == Switch.Reason.YIELDED || reason == Switch.Reason.PREEMPTED) addWoken(self);
        if (cpu.current == null) onIdle();
    }

    private Cpu idleCpu() {
        for (var c : cpus) if (c.current == null) return c;
        return null;
    }

    /**
     * Every CPU idle and virtual time: jump to the next thing due, a packet held on an impaired link
     * or else the next tick. If even the tick wakes no one and no packet is on its way, the run is stuck.
     */
    private void onIdle() {
        if (halted) return;
        if (busy()) return;
        if (!(machine.clock() instanceof VirtualClock clock)) return;
        do {
            while (link != null && link.nextDue() < clock.nextTickNanos() && !halted) {
                clock.advanceTo(link.nextDue());
                releaseHeld();
                if (busy()) return;
            }
            // A new tick period: CPU time used in the last one must not bring the next tick early.
            virtualCpuNanos = 0;
            clock.advanceToNextTick();
            releaseHeld();
            if (busy()) return;
        } while (link != null && link.holding() && !halted);
        if (!halted) {
            // A scheduler asleep waiting for events is woken once to see the stall: it may know
            // what it means (the standard one names the processes of a deadlock). If nothing
            // runs but it before the next stall, the kernel ends the run itself.
            if (!stallShown && scheduler.state == ContextState.BLOCKED && scheduler.waitingForEvent) {
                stallShown = true;
                wakeScheduler(false);
                return;
            }
            haltLocked(3, "virtual time stalled: every context is blocked and the clock tick woke no one");
        }
    }

    private boolean busy() {
        for (var c : cpus) if (c.current != null) return true;
        return false;
    }

    private void addWoken(Context ctx) {
        if (ctx == scheduler) return;
        if (!ctx.inWokenList) {
            ctx.inWokenList = true;
            woken.add(ctx);
        }
        if (scheduler.state == ContextState.BLOCKED && scheduler.waitingForEvent) wakeScheduler(false);
    }

    Context nextWoken() {
        lock.lock();
        try {
            Context c = woken.poll();
            if (c != null) c.inWokenList = false;
            return c;
        } finally {
            lock.unlock();
        }
    }

    /** The scheduler must run: on an idle CPU if there is one, else at the next release (or now, if {@code preempt}). */
    private void wakeScheduler(boolean preempt) {
        if (scheduler.state == ContextState.BLOCKED) {
            scheduler.state = ContextState.READY;
            scheduler.waitingForEvent = false;
        }
        if (scheduler.state != ContextState.READY || scheduler.cpu != null) return;
        Cpu idle = idleCpu();
        if (idle != null) {
            scheduler.lastSwitch = new Switch(null, Switch.Reason.EVENT);
            giveCpu(idle, scheduler);
        } else if (preempt) {
            for (var c : cpus) {
                if (c.current != null && c.current != scheduler) {
                    requestPreempt(c);
                    return;
                }
            }
        }
    }

    /**
     * How long a context may keep its CPU inside a static initializer after the clock asked for it,
     * in machine time: it cannot give the CPU up there (see initializerOnStack), so beyond this its
     * process is faulted and the class fails to initialize.
     */
    public static final long INITIALIZER_HOLD_NANOS = 500_000_000L;

    /**
     * The class whose static initializer the calling thread is running (the innermost), or null. A
     * virtual thread that parks inside {@code <clinit>} pins its carrier (JDK 25: the JVM calls the
     * initializer through a native frame), and with one carrier per CPU nothing else could run: a
     * tick that preempted a program there, or a receive that waited there, stopped the whole
     * machine. Walked only when it matters: a preemption due (once a tick at most), a waiting call
     * while the instrumented count says an initializer runs, a doomed context.
     */
    private static String initializerOnStack() {
        return StackWalker.getInstance().walk(frames -> frames.filter(f -> f.getMethodName().equals("<clinit>"))
                .map(StackWalker.StackFrame::getClassName).findFirst().orElse(null));
    }

    /**
     * A call that may give the CPU up ({@code call}) is about to: inside a static initializer it
     * cannot, so the process is faulted instead. The instrumented count is a hint that costs one
     * field read; the stack has the last word (an initializer that threw left the count high).
     */
    private void mayWait(Context self, String call) {
        if (self.signals.initializers == 0) return;
        String type = initializerOnStack();
        if (type == null) {
            self.signals.initializers = 0;
            return;
        }
        throw doom(self, new InitializerFault("the static initializer of " + type + " called " + call
                + ", which may wait: a static initializer cannot give its CPU up"));
    }

    /** The context is to end with {@code fault}: it is thrown now, and at every later poll or kernel call until the context can die (see die). */
    private static Fault doom(Context self, Fault fault) {
        if (self.doom == null) self.doom = fault;
        self.signals.pending = true;
        return self.doom;
    }

    /**
     * A preemption is due but the context runs a static initializer of {@code type}, where it
     * cannot give the CPU up: it keeps it, for {@link #INITIALIZER_HOLD_NANOS} of machine time at
     * most since the first such tick; then its process is faulted.
     */
    private void heldInInitializer(Context self, String type) {
        long now = machine.clock().nanos();
        if (self.heldSince < 0) {
            self.heldSince = now;
            return;
        }
        if (now - self.heldSince < INITIALIZER_HOLD_NANOS) return;
        throw doom(self, new InitializerFault("the static initializer of " + type + " kept the CPU for "
                + (now - self.heldSince) / 1_000_000 + " ms after the clock asked for it (at most "
                + INITIALIZER_HOLD_NANOS / 1_000_000 + " ms)"));
    }

    /** The running context gives the CPU up at its next kernel call or instrumented poll. Lock held. */
    private void requestPreempt(Cpu c) {
        c.preempt = true;
        var running = c.current;
        if (running != null) running.signals.pending = true;
    }

    /**
     * An instrumented poll found something pending, or used up its quantum of back-edges (which
     * {@link #enter} counts as CPU time).
     */
    void safepoint(Context self) {
        if (Thread.currentThread() != self.thread) throw foreignThread(self, "preemption poll");
        if (halted) throw haltedIn(self);
        if (self.doom != null) die(self);
        self.signals.pending = false;
        enter(self);
    }

    /**
     * In virtual time a quantum of polls is CPU time: enough of them advance the clock to its next
     * tick, so a program that never blocks still lets time, and the scheduler, move. Quanta are
     * owed from the poll that used them up and paid at the next kernel call or slow path that
     * gets here: a program at the edge of its stack may overflow before its polls reach the
     * kernel, and yet call the kernel (yield) in between; its time must still pass.
     */
    private void payQuanta(Context self) {
        int owed = self.signals.quantaOwed;
        self.signals.quantaOwed = 0;
        if (!(machine.clock() instanceof VirtualClock clock)) return;
        lock.lock();
        try {
            virtualCpuNanos += owed * Signals.QUANTUM_NANOS;
            if (virtualCpuNanos >= clock.periodNanos()) {
                virtualCpuNanos = 0;
                clock.advanceToNextTick();
                releaseHeld();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A doomed context reached the kernel while running. Inside a static initializer it cannot park
     * (its carrier would be pinned), so its fault is thrown, and thrown again at every poll and
     * kernel call, until it is out of the initializer (which then fails) and can die.
     */
    private void die(Context self) {
        // The count first: walking a deep stack at every poll would keep a doomed thread near the
        // edge of its stack unwinding for ages, on a carrier it no longer has a CPU for.
        if (self.signals.initializers != 0 && initializerOnStack() != null) throw self.doom;
        dieOf(self);
    }

    /**
     * A doomed context (killed, or caught calling from a foreign thread) reached the kernel while
     * running: it ends here and its thread parks for good. Throwing into it instead would let a
     * program that catches everything run on without a CPU.
     */
    private void dieOf(Context self) {
        lock.lock();
        try {
            if (self.state != ContextState.FINISHED) {
                var fault = self.doom;
                end(self, fault);
                if (self.cpu != null) releaseCpu(self, Switch.Reason.FINISHED);
            }
        } finally {
            lock.unlock();
        }
        parkForGood(self);
    }

    /** Ends a context with {@code fault} and takes back what it held. Lock held. */
    private void end(Context target, Fault fault) {
        target.state = ContextState.FINISHED;
        target.fault = fault;
        target.endReason = describe(fault);
        contextsFaulted++;
        reclaim(target);
        notifyScheduler(target, fault);
    }

    /**
     * A kernel call or an instrumented poll of {@code self} on a thread that is not its own: some
     * path ran the program's code on a thread the kernel did not make. Calls from there would act
     * as the process, out of order with its own thread, so the process ends as a fault: at once
     * if it is not running, else at its own next kernel call or poll, as a kill does (the
     * scheduler ending halts the machine, as any fault of its does). The foreign thread gets the
     * fault. One that comes back after the process has ended is parked for good: throwing again
     * would let code that catches everything spin on a host thread for ever.
     */
    ForeignThreadFault foreignThread(Context self, String what) {
        var fault = new ForeignThreadFault(what);
        boolean ended;
        lock.lock();
        try {
            ended = self.state == ContextState.FINISHED && !halted;
            if (!ended && !halted && self.doom == null) {
                if (self == scheduler) {
                    haltLocked(1, "the scheduler faulted: " + describe(fault));
                } else if (self.state == ContextState.RUNNING) {
                    self.doom = fault;
                    self.signals.pending = true;
                } else {
                    end(self, fault);
                    if (self.thread != null) LockSupport.unpark(self.thread);
                }
            }
        } finally {
            lock.unlock();
        }
        if (ended) {
            while (true) parkWithoutCpu(self);
        }
        return fault;
    }

    /**
     * A killed context waits here for the halt, which unwinds it (once: see haltedIn). Too near the
     * edge of its stack to park, it unwinds with the error instead of spinning on its carrier; its
     * doom meets it again at the next preemption point, further up.
     */
    private void parkForGood(Context self) {
        while (!halted) {
            carrierReturned(self);
            LockSupport.park(this);
        }
        throw haltedIn(self);
    }

    /** Parks a context that will never hold a CPU again; not even a stack overflow gets it out. */
    private void parkWithoutCpu(Context self) {
        carrierReturned(self);
        try {
            LockSupport.park(this);
        } catch (StackOverflowError e) {
            // parks again
        }
    }

    /**
     * The machine has halted: the calling context unwinds with Halted, once. A program that
     * catches it and runs on comes back here at its next kernel call or poll and is parked for
     * good: it would otherwise spin on a carrier thread of the JVM after the machine is gone, and
     * a killed program would run again after all.
     */
    private Halted haltedIn(Context self) {
        if (self.signals.haltDelivered) {
            while (true) parkWithoutCpu(self);
        }
        self.signals.haltDelivered = true;
        return new Halted();
    }

    /** The context on CPU {@code index}, read without the lock by the watchdog: it acts only on what it finds again under the lock. */
    Context runningOn(int index) { return cpus[index].current; }

    /**
     * The watchdog found {@code c} running without reaching the kernel for too long: its CPU is
     * taken back now and its process ends with a {@link RunawayFault}, reported to the scheduler
     * as any fault. Its thread still runs wherever it is, on its carrier, until it reaches a
     * preemption point or the kernel, where it finds its doom and parks for good; the CPU goes on
     * on a spare carrier. With none to spare, or when the runaway is the scheduler, the machine
     * halts: stopping with a reason is better than freezing.
     */
    void runaway(Context c, String message) {
        lock.lock();
        try {
            if (halted || c.state != ContextState.RUNNING || c.cpu == null || c.cpu.current != c) return;
            var fault = doom(c, new RunawayFault(message));
            if (c == scheduler) {
                haltLocked(1, "the scheduler faulted: " + describe(fault));
                return;
            }
            if (lostCarriers.get() >= spareCarriers) {
                haltLocked(1, c.name + " " + message + "; no carrier thread is left to run the machine on ("
                        + spareCarriers + " spare, " + lostCarriers.get() + " held by earlier runaways)");
                return;
            }
            c.holdsLostCarrier.set(true);
            lostCarriers.incrementAndGet();
            if (reserve != null) reserve.release();
            end(c, fault);
            releaseCpu(c, Switch.Reason.FINISHED);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@code c} holds a CPU but waits for a carrier thread, all of them busy with threads that hold
     * no CPU: a spare is released for good (as if a runaway had taken it), if one is left.
     */
    void carrierStarved(Context c) {
        lock.lock();
        try {
            if (halted || c.cpu == null || lostCarriers.get() >= spareCarriers) return;
            lostCarriers.incrementAndGet();
            if (reserve != null) reserve.release();
            machine.console().line(Console.SYSTEM, c.name + " was given a CPU but no carrier thread was free to run it: a spare was released ("
                    + (spareCarriers - lostCarriers.get()) + " left)");
        } finally {
            lock.unlock();
        }
    }

    /** Runaways still holding their carrier thread. */
    int lostCarrierCount() { return lostCarriers.get(); }

    /** A runaway's thread has parked for good or ended: its carrier serves the machine again. */
    private void carrierReturned(Context c) {
        if (c.holdsLostCarrier.compareAndSet(true, false)) {
            lostCarriers.decrementAndGet();
            if (reserve != null) reserve.restore();
        }
    }

    /** Ends a context that is not the scheduler, at once if it is not running, else at its next kernel call or poll. */
    boolean kill(Context self, Context target, String reason) {
        enter(self);
        lock.lock();
        try {
            if (target == scheduler || target.state == ContextState.FINISHED) return false;
            var fault = new KilledFault(reason);
            if (target.doom == null) target.doom = fault;
            target.signals.pending = true;
            if (target.state != ContextState.RUNNING) {
                end(target, fault);
                if (target.thread != null) LockSupport.unpark(target.thread);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * At every kernel call: the machine may have halted, the context been killed, an injected fault
     * be due, or the scheduler may want this CPU.
     */
    void enter(Context self) {
        // Every kernel call that acts passes here first (the rest call checkThread): a foreign thread stops here.
        if (Thread.currentThread() != self.thread) throw foreignThread(self, "kernel call");
        self.signals.progress++;
        if (halted) throw haltedIn(self);
        if (self.doom != null) die(self);
        Cpu c = self.cpu;
        if (c == null) throw new IllegalStateException(self.name + " made a kernel call without holding a CPU");
        if (self.signals.quantaOwed != 0) payQuanta(self);
        // Injected before the call does anything: the context dies holding what it held, as at a real fault.
        var f = self.faults;
        if (f != null && f.fires()) throw f.fault();
        // Unlocked: a stale nextDue only defers the release to the next call or clock tick.
        var l = link;
        if (l != null && l.nextDue() != Long.MAX_VALUE && l.nextDue() <= machine.clock().nanos()) releaseHeldNow();
        if (!c.preempt) return;
        // The request stays set: the first kernel call or poll after the initializer takes it.
        String initializer = initializerOnStack();
        if (initializer != null) {
            heldInInitializer(self, initializer);
            return;
        }
        lock.lock();
        try {
            // A stale request (the scheduler got a CPU some other way since) must not evict us.
            boolean schedulerWaits = scheduler.state == ContextState.READY && scheduler.cpu == null;
            if (!c.preempt || self.cpu != c || self == scheduler || !schedulerWaits) {
                c.preempt = false;
                return;
            }
            c.preempt = false;
            self.state = ContextState.READY;
            releaseCpu(self, Switch.Reason.PREEMPTED);
        } finally {
            lock.unlock();
        }
        awaitCpu(self);
    }

    /** For the calls that do not pass through {@link #enter}: refuses any thread but {@code self}'s own. */
    void checkThread(Context self) {
        if (Thread.currentThread() != self.thread) throw foreignThread(self, "kernel call");
    }

    /** A kernel call found a packet on an impaired link due: in real time this (or a clock tick) is when it arrives. */
    private void releaseHeldNow() {
        lock.lock();
        try {
            releaseHeld();
        } finally {
            lock.unlock();
        }
    }

    // ---- the KAN -------------------------------------------------------------------------

    /**
     * A fresh page: from the context's own small cache when it has one (no lock: only the owner
     * touches its cache and its held count), else from the pool. The quota counts pages held and
     * pages queued for the context.
     */
    Packet allocate(Context self) {
        int owned = self.pagesHeld + self.queued();
        if (owned >= self.limits.packetQuota()) {
            throw new QuotaExceededFault(self.name + " already owns " + owned + " packets (quota " + self.limits.packetQuota() + ")");
        }
        Page page;
        if (self.cachedPages > 0) {
            page = self.pageCache[--self.cachedPages];
            self.pageCache[self.cachedPages] = null;
        } else {
            lock.lock();
            try {
                page = pool.take();
            } finally {
                lock.unlock();
            }
        }
        var p = new Packet(page);
        p.owner = self;
        self.pagesHeld++;
        return p;
    }

    void free(Context self, Packet p) {
        checkOwned(self, p);
        p.kill();
        self.pagesHeld--;
        if (self.cachedPages < Context.PAGE_CACHE) {
            p.page.wipe();
            if (self.pageCache == null) self.pageCache = new Page[Context.PAGE_CACHE];
            self.pageCache[self.cachedPages++] = p.page;
            return;
        }
        lock.lock();
        try {
            pool.give(p.page);
        } finally {
            lock.unlock();
        }
    }

    private void checkOwned(Context self, Packet p) {
        if (!p.alive()) throw new DeadPacketFault("the packet was already sent or freed");
        if (p.page.pool != pool) throw new KernelException(ErrorCode.NOT_A_POOL_PACKET, "allocate packets with Syscalls.allocate()");
        if (p.owner != self) throw new DeadPacketFault("the packet belongs to another context");
    }

    /**
     * Validates and queues a packet for its KAN destination. On any refusal the sender keeps the
     * packet. Returns the receiver, its handle already queued, or null when an impaired link lost
     * the packet or holds it for later. Lock held.
     */
    private Context enqueue(Context self, Packet p) {
        checkOwned(self, p);
        int len = p.length();
        if (len < 40 || (p.u8(0) >>> 4) != 6) {
            malformed++;
            throw new KernelException(ErrorCode.MALFORMED_PACKET, len < 40 ? "shorter than an IPv6 header (" + len + " bytes)" : "IPv6 version field is not 6");
        }
        if (40 + p.u16(4) > len) {
            malformed++;
            throw new KernelException(ErrorCode.MALFORMED_PACKET, "payload length " + p.u16(4) + " exceeds the " + (len - 40) + " bytes present");
        }
        if (!self.forwards && (p.i64(8) != self.address.high() || p.i64(16) != self.address.low())) {
            spoofRefused++;
            throw new KernelException(ErrorCode.SOURCE_NOT_OWNED, "IPv6 source " + p.address(8) + " is not " + self.address);
        }
        // The KAN is a link whose link addresses are IPv6 addresses: a packet for an address on the KAN
        // goes to that address and no other, and one for beyond the KAN goes to a router. Otherwise a
        // process could hand B a packet that says it is for C, and a router would carry it on.
        long dstHigh = p.i64(24), dstLow = p.i64(32);
        Address kanDestination = p.kanDestination;
        boolean onKan = config.prefix().contains(dstHigh, dstLow);
        if (onKan && (kanDestination.high() != dstHigh || kanDestination.low() != dstLow)) {
            wrongNextHop++;
            throw new KernelException(ErrorCode.WRONG_NEXT_HOP, () -> "KAN destination " + kanDestination
                    + " is not the packet's IPv6 destination " + new Address(dstHigh, dstLow) + ", which is on the KAN");
        }
        Context target = lookup(self, kanDestination);
        if (target == null) {
            unreachable++;
            throw new KernelException(ErrorCode.ADDRESS_UNREACHABLE, kanDestination::toString);
        }
        if (!onKan && !target.forwards && !hears(target, dstHigh, dstLow)) {
            wrongNextHop++;
            throw new KernelException(ErrorCode.WRONG_NEXT_HOP, () -> "IPv6 destination " + new Address(dstHigh, dstLow)
                    + " is beyond the KAN, and KAN destination " + target.name + " (" + kanDestination + ") is not a router"
                    + (dstHigh >>> 56 == 0xff ? " nor a member of that group" : ""));
        }
        var channel = link == null ? null : link.channel(self, target, self.holdsClock || target.holdsClock);
        // A packet that waits on the wire meets the receiver's queue only when it arrives.
        if ((channel == null || !channel.impairment.holds()) && full(target)) {
            queueFull++;
            target.queueFullRefusals++;
            int waiting = target.queued();
            throw new KernelException(ErrorCode.PACKET_QUEUE_FULL, () -> target.name + " has " + waiting + " packets waiting");
        }
        p.kanSource = self.address;
        var handed = p.transfer();
        handed.owner = target;
        self.pagesHeld--;
        self.packetsSent++;
        if (channel != null) return link.carry(channel, handed, machine.clock().nanos()) ? target : null;
        queue(target, handed);
        return target;
    }

    /**
     * Whether {@code target} is a member of the multicast group with this address, as a node on a
     * link is: every node hears all-nodes (ff01::1, ff02::1) and its own solicited-node group
     * (ff02::1:ffXX:XXXX, its address's last 24 bits). The KAN has no groups: a sender names the
     * one member it hands the packet to, and only a member may be named.
     */
    private static boolean hears(Context target, long high, long low) {
        if (high == ALL_NODES_INTERFACE_HIGH || high == LINK_LOCAL_MULTICAST_HIGH) {
            if (low == 1) return true;
            return high == LINK_LOCAL_MULTICAST_HIGH && (low & ~0xFFFFFFL) == SOLICITED_NODE_LOW
                    && (low & 0xFFFFFFL) == (target.address.low() & 0xFFFFFFL);
        }
        return false;
    }

    private static final long ALL_NODES_INTERFACE_HIGH = 0xff01_0000_0000_0000L;
    private static final long LINK_LOCAL_MULTICAST_HIGH = 0xff02_0000_0000_0000L;
    private static final long SOLICITED_NODE_LOW = 0x0000_0001_ff00_0000L;

    /** The receiver's queue, or its quota (pages held plus queued), has no room. */
    private static boolean full(Context target) {
        return target.queued() >= target.limits.queueLength() || target.pagesHeld + target.queued() >= target.limits.packetQuota();
    }

    /**
     * The context at a KAN address. A stream sends to one receiver again and again: the
     * sender's last answer stands while that context lives (an address is given again only
     * after its context has finished).
     */
    private Context lookup(Context self, Address destination) {
        var last = self.lastTarget;
        if (last != null && last.state != ContextState.FINISHED && last.address.equals(destination)) return last;
        var target = byAddress.get(destination);
        self.lastTarget = target;
        return target;
    }

    private void queue(Context target, Packet p) {
        if (target.queue == null) target.queue = new ArrayDeque<>(8);
        target.queue.add(p);
        target.packetsReceived++;
        delivered++;
        if (tap != null) {
            // A capture shows the packet as a wire would carry it: an offloaded checksum filled in.
            p.page.completeChecksum(p.length());
            tap.delivered(machine.clock().nanos(), p.kanSource, p.kanDestination, p.bytes(), p.length());
        }
    }

    /**
     * The receiver has a packet: unblock it. Packets for the scheduler take a CPU for it. One that
     * wakes the timer service (the holder of the clock's line) ends the running slice too, so the
     * scheduler runs it at once: a client setting an alarm must not wait a round for it, and two
     * processes handing the CPU to each other by sending still let the others run.
     */
    private void wake(Context target) {
        if (target == scheduler) {
            if (target.state == ContextState.BLOCKED || target.state == ContextState.READY) wakeScheduler(true);
            else if (target.state == ContextState.RUNNING) schedulerPacketUnseen = true;
            return;
        }
        if (target.state == ContextState.BLOCKED) {
            target.state = ContextState.READY;
            addWoken(target);
        }
        if (target.holdsClock && target.state == ContextState.READY) wakeScheduler(true);
    }

    void send(Context self, Packet p, boolean yieldToRecipient) {
        enter(self);
        boolean switched;
        lock.lock();
        try {
            Context target = enqueue(self, p);
            // The scheduler never lends its CPU: it must keep control of the schedule. Nor does
            // anyone lend to the timer service: waking it ends the slice instead (see wake).
            // Nor does a static initializer lend: it could not take its CPU back (see mayWait).
            switched = yieldToRecipient && target != null && self != scheduler && target != scheduler && !target.holdsClock
                    && target.state == ContextState.BLOCKED && self.cpu != null && self.signals.initializers == 0;
            if (switched) {
                lendCpu(self, target);
            } else if (target != null) {
                wake(target);
            }
        } finally {
            lock.unlock();
        }
        if (switched) awaitCpu(self);
    }

    /** Send, then wait for the next packet, as one call: the reply can come straight back to us. */
    Packet sendReceive(Context self, Packet p) {
        enter(self);
        mayWait(self, "sendReceive");
        lock.lock();
        try {
            Context target = enqueue(self, p);
            if (self.queued() > 0) {
                if (target != null) wake(target);
                return dequeue(self);
            }
            self.state = ContextState.BLOCKED;
            if (target != null && target != scheduler && !target.holdsClock && target.state == ContextState.BLOCKED) {
                Cpu cpu = self.cpu;
                self.cpu = null;
                giveCpu(cpu, target);
            } else {
                if (target != null) wake(target);
                releaseCpu(self, Switch.Reason.BLOCKED);
            }
        } finally {
            lock.unlock();
        }
        return receiveAfterBlocking(self);
    }

    /** The common case, a packet waiting, is a straight line: no loop around the lock. */
    Packet receive(Context self) {
        enter(self);
        lock.lock();
        try {
            if (self.queued() > 0) return dequeue(self);
            mayWait(self, "receive");
            self.state = ContextState.BLOCKED;
            releaseCpu(self, Switch.Reason.BLOCKED);
        } finally {
            lock.unlock();
        }
        return receiveAfterBlocking(self);
    }

    private Packet receiveAfterBlocking(Context self) {
        while (true) {
            awaitCpu(self);
            lock.lock();
            try {
                if (self.queued() > 0) return dequeue(self);
                // Woken without a packet (the scheduler woke on an event): block again.
                self.state = ContextState.BLOCKED;
                releaseCpu(self, Switch.Reason.BLOCKED);
            } finally {
                lock.unlock();
            }
        }
    }

    Packet poll(Context self) {
        enter(self);
        lock.lock();
        try {
            return self.queued() > 0 ? dequeue(self) : null;
        } finally {
            lock.unlock();
        }
    }

    int pending(Context self) {
        checkThread(self);
        lock.lock();
        try {
            return self.queued();
        } finally {
            lock.unlock();
        }
    }

    private Packet dequeue(Context self) {
        Packet p = self.queue.poll();
        self.pagesHeld++;
        return p;
    }

    void yield(Context self) {
        enter(self);
        mayWait(self, "yield");
        lock.lock();
        try {
            if (self == scheduler) return;
            self.state = ContextState.READY;
            releaseCpu(self, Switch.Reason.YIELDED);
        } finally {
            lock.unlock();
        }
        awaitCpu(self);
    }

    /**
     * Hands our CPU straight to {@code target}, which gives it back when it blocks (see
     * releaseCpu); meanwhile we are ready, and the scheduler hears so. Lock held.
     */
    private void lendCpu(Context self, Context target) {
        Cpu cpu = self.cpu;
        self.cpu = null;
        self.state = ContextState.READY;
        target.donor = self;
        giveCpu(cpu, target);
        addWoken(self);
    }

    /**
     * The receiver at {@code destination} has a full queue: lend it this CPU until it blocks,
     * having drained it, and the CPU comes straight back. A full queue then costs two handoffs
     * and no trip through the scheduler. If it cannot take the CPU (it runs elsewhere, or is
     * gone), this is a plain yield.
     */
    void lendTo(Context self, Address destination) {
        enter(self);
        mayWait(self, "lendTo");
        lock.lock();
        try {
            if (self == scheduler) return;
            Context target = byAddress.get(destination);
            boolean canTake = target != null && target != scheduler && target.cpu == null
                    && (target.state == ContextState.READY || target.state == ContextState.NEW);
            if (canTake) {
                lendCpu(self, target);
            } else {
                self.state = ContextState.READY;
                releaseCpu(self, Switch.Reason.YIELDED);
            }
        } finally {
            lock.unlock();
        }
        awaitCpu(self);
    }

    /** A UDP datagram from the kernel's own address; if it cannot be queued it is counted as lost. */
    private boolean sendFromKernel(Context target, int port, byte[] payload) { return sendFromKernel(target, port, payload, true); }

    /**
     * {@code bounded} false is for the scheduler's context notices: they are never dropped, or a
     * dead process would count as alive; there is at most one per context that ever ended.
     */
    private boolean sendFromKernel(Context target, int port, byte[] payload, boolean bounded) {
        if (target == null || target.state == ContextState.FINISHED) return false;
        if (bounded && target.queued() >= target.limits.queueLength()) return false;
        Page page;
        try {
            page = bounded ? pool.take() : pool.takeEvenIfFull();
        } catch (KernelException e) {
            return false;
        }
        var p = new Packet(page);
        KernelDatagram.write(p, kernelAddress, 0, target.address, port, payload);
        p.kanSource = kernelAddress;
        p.kanDestination = target.address;
        p.owner = target;
        queue(target, p);
        wake(target);
        return true;
    }

    // ---- scheduler calls -----------------------------------------------------------------

    Switch yieldTo(Context self, Context target) {
        enter(self);
        mayWait(self, "yieldTo");
        lock.lock();
        try {
            switch (target.state) {
                case FINISHED -> { return new Switch(target, Switch.Reason.CONTEXT_FINISHED); }
                case BLOCKED -> { return new Switch(target, Switch.Reason.YIELDED_TO_BLOCKED); }
                case RUNNING -> { return new Switch(target, Switch.Reason.ALREADY_RUNNING); }
                default -> { }
            }
            if (target == self) return new Switch(target, Switch.Reason.ALREADY_RUNNING);
            Cpu cpu = self.cpu;
            self.cpu = null;
            self.state = ContextState.READY;
            self.lastSwitch = null;
            giveCpu(cpu, target);
            // A packet that came while we ran (a tick between our last poll and now) takes the CPU
            // back at the target's next kernel call or poll, as it would have had it come a moment
            // later. It may sit in a socket buffer by now, not in our queue: a tick left there
            // unacknowledged masks the clock, and a target that never blocks would keep the CPU.
            if (schedulerPacketUnseen) requestPreempt(cpu);
            schedulerPacketUnseen = false;
        } finally {
            lock.unlock();
        }
        awaitCpu(self);
        lock.lock();
        try {
            var s = self.lastSwitch;
            return s != null ? s : new Switch(null, Switch.Reason.EVENT);
        } finally {
            lock.unlock();
        }
    }

    /** Puts a ready context on an idle CPU while the scheduler keeps its own. */
    boolean dispatch(Context self, Context target) {
        enter(self);
        lock.lock();
        try {
            if (target.state != ContextState.READY && target.state != ContextState.NEW) return false;
            Cpu idle = idleCpu();
            if (idle == null) return false;
            giveCpu(idle, target);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The scheduler sleeps until a packet arrives for it or a context becomes ready. */
    void waitForEvent(Context self) {
        enter(self);
        mayWait(self, "waitForEvent");
        lock.lock();
        try {
            // A packet that came while we ran is an event, even if the library has buffered it.
            if (self.queued() > 0 || !woken.isEmpty() || schedulerPacketUnseen) {
                schedulerPacketUnseen = false;
                return;
            }
            self.state = ContextState.BLOCKED;
            self.waitingForEvent = true;
            releaseCpu(self, Switch.Reason.BLOCKED);
        } finally {
            lock.unlock();
        }
        awaitCpu(self);
    }

    /**
     * Whether the next clock tick reaches a context: someone holds the clock's line and has it
     * unmasked. A timer service with nothing pending leaves the line masked, so in virtual time
     * "every context blocked and the clock not armed" is a deadlock nothing can end.
     */
    boolean clockArmed() {
        lock.lock();
        try {
            return interruptOwner[Clock.LINE] != null && !machine.interrupts().isMasked(Clock.LINE);
        } finally {
            lock.unlock();
        }
    }

    int idleCpus() {
        lock.lock();
        try {
            int n = 0;
            for (var c : cpus) if (c.current == null) n++;
            return n;
        } finally {
            lock.unlock();
        }
    }

    // ---- interrupts ----------------------------------------------------------------------

    void registerInterrupt(Context self, int line, int port) {
        enter(self);
        checkLine(line);
        if (!self.capabilities.contains("irq:" + line)) {
            throw new KernelException(ErrorCode.CAPABILITY_MISSING, self.name + " lacks capability irq:" + line);
        }
        if (port < 1 || port > 65535) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "UDP port " + port + " is not in 1..65535");
        lock.lock();
        try {
            var owner = interruptOwner[line];
            if (owner != null && owner != self) {
                throw new KernelException(ErrorCode.RESOURCE_IN_USE, "interrupt " + line + " is registered to " + owner.name);
            }
            interruptOwner[line] = self;
            interruptPort[line] = port;
        } finally {
            lock.unlock();
        }
    }

    void unregisterInterrupt(Context self, int line) {
        enter(self);
        checkLine(line);
        lock.lock();
        try {
            if (interruptOwner[line] != self) {
                throw new KernelException(ErrorCode.PERMISSION_DENIED, "interrupt " + line + " is not registered to " + self.name);
            }
            interruptOwner[line] = null;
        } finally {
            lock.unlock();
        }
        machine.interrupts().acknowledge(line);
    }

    void acknowledgeInterrupt(Context self, int line) {
        enter(self);
        checkLine(line);
        lock.lock();
        try {
            if (interruptOwner[line] != self) {
                throw new KernelException(ErrorCode.PERMISSION_DENIED, "interrupt " + line + " is not registered to " + self.name);
            }
        } finally {
            lock.unlock();
        }
        machine.interrupts().acknowledge(line);
    }

    private static void checkLine(int line) {
        if (line < 0 || line >= packos.machine.InterruptController.LINES) {
            throw new KernelException(ErrorCode.NO_SUCH_INTERRUPT, "line " + line);
        }
    }

    /**
     * The machine raised a line: a UDP datagram from the kernel to the registered port, carrying
     * the line (u16), zero (u16) and the machine time in nanoseconds (u64). The line stays masked
     * until the owner acknowledges it.
     */
    private void interrupt(int line) {
        boolean unmask = false;
        lock.lock();
        try {
            if (halted) return;
            if (line == Clock.LINE) sliceEnded();
            releaseHeld();
            var owner = interruptOwner[line];
            if (owner == null) {
                spuriousInterrupts++;
                unmask = true;
            } else {
                long now = machine.clock().nanos();
                var payload = new byte[12];
                payload[0] = (byte) (line >>> 8);
                payload[1] = (byte) line;
                for (int i = 0; i < 8; i++) payload[4 + i] = (byte) (now >>> (56 - 8 * i));
                if (sendFromKernel(owner, interruptPort[line], payload)) {
                    interruptsDelivered++;
                } else {
                    interruptsLost++;
                    unmask = true;
                }
            }
        } finally {
            lock.unlock();
        }
        // Outside the lock's work: an unmask may deliver a pending raise straight back to us.
        if (unmask) machine.interrupts().acknowledge(line);
    }

    /**
     * A clock tick: the running contexts' time slices end, whoever holds the clock's line (the
     * timer service) and even while it keeps the line masked. Each gives its CPU up at its next
     * kernel call or instrumented back-edge, and the scheduler chooses again. With every CPU idle
     * there is nothing to take, and a tick that wakes no one still lets virtual time stall.
     */
    private void sliceEnded() {
        lock.lock();
        try {
            if (halted) return;
            for (var c : cpus) if (c.current != null && c.current != scheduler) requestPreempt(c);
        } finally {
            lock.unlock();
        }
    }

    // ---- misc ----------------------------------------------------------------------------

    long random() {
        lock.lock();
        try {
            return random.nextLong();
        } finally {
            lock.unlock();
        }
    }

    private void checkLive() {
        if (halted) throw new Halted();
    }
}
