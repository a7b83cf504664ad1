package packos.kernel;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import packos.machine.Clock;
import packos.machine.InterruptSink;
import packos.machine.Machine;

/**
 * The PackOS kernel: the lock, boot, halt and the wiring between its rooms. One lock guards it
 * all (the big kernel lock the original paper proposed for SMP); every call holds it for O(1)
 * work and never waits inside it.
 *
 * <p>The rooms, each a file of its own as in xv6: {@link Contexts} (creating, finding and
 * running contexts), {@link Endings} (how a context ends: exit, fault, kill, doom, halt),
 * {@link Cpus} (the CPU batons: giving, taking, waiting, preemption, idling), {@link Kan} (pages,
 * send, receive, queues), {@link SchedulerService} (the scheduler's own calls and what it is
 * told), {@link Interrupts} (lines and their owners), {@link Runaways} (the watchdog's hooks and
 * the spare carriers) and {@link Initializers} (static initializers, which cannot give a CPU up).
 * They share the kernel's state through this object; each says which of its methods need the
 * lock held and which take it themselves.
 */
public final class Kernel {
    final ReentrantLock lock = new ReentrantLock();
    final Machine machine;
    final KernelConfig config;
    final PacketPool pool;
    /** What the JVM's carrier threads have allocated, and how full its heap is: the heap meter's view of the host. */
    final CarrierAllocation carriers = new CarrierAllocation();
    final HostHeap hostHeap = new HostHeap();
    final ProgramLoader loader;
    final Contexts contexts = new Contexts(this);
    final Endings endings = new Endings(this);
    final Cpus cpus;
    final Kan kan = new Kan(this);
    final SchedulerService schedulerService = new SchedulerService(this);
    final Interrupts interrupts = new Interrupts(this);
    final Runaways runaways;
    final Initializers initializers = new Initializers(this);
    /** Takes a CPU back from a runaway that reaches no preemption point (see CpuWatch). */
    private final CpuWatch cpuWatch;
    private final Address kernelAddress;
    private final Address schedulerAddress;
    private final SplittableRandom random;
    private final CountDownLatch halt = new CountDownLatch(1);
    /** The first context, set once at boot. */
    Context scheduler;
    private List<BootProcess> bootProcesses = List.of();
    volatile boolean halted;
    private int exitStatus;
    private String haltReason = "";
    private boolean watchCpus = true;

    public Kernel(Machine machine, KernelConfig config, ProgramLoader loader) {
        this.machine = machine;
        this.config = config;
        this.loader = loader;
        this.pool = new PacketPool(config.pageSize(), config.pages());
        this.cpus = new Cpus(this, machine.cpus());
        this.runaways = new Runaways(this, Math.max(0, carrierThreads() - machine.cpus()));
        this.cpuWatch = new CpuWatch(this, machine.cpus(), CpuWatch.HOLD_NANOS);
        this.kernelAddress = config.prefix().address().withInterfaceId(1);
        this.schedulerAddress = config.prefix().address().withInterfaceId(2);
        this.random = new SplittableRandom(config.seed());
    }

    /** The JVM's carrier threads for virtual threads, as its documented property sets them. */
    public static int carrierThreads() {
        return Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
    }

    /** Carrier threads the launcher asks for beyond one per CPU: see {@link Runaways}. */
    public static final int SPARE_CARRIERS = 2;

    /**
     * How long a context may keep its CPU inside a static initializer after the clock asked for it,
     * in machine time: it cannot give the CPU up there (see {@link Initializers}), so beyond this
     * its process is faulted and the class fails to initialize.
     */
    public static final long INITIALIZER_HOLD_NANOS = 500_000_000L;

    public Address kernelAddress() { return kernelAddress; }

    public Address schedulerAddress() { return schedulerAddress; }

    public KernelConfig config() { return config; }

    /**
     * The KAN address of the newest context created under {@code name}, living or ended: see
     * {@link Contexts#addressOf}.
     */
    public java.util.Optional<Address> addressOf(String name) { return contexts.addressOf(name); }

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

    /** Holds the spare carriers out of the way until the watchdog needs them; call before boot. */
    public void setCarrierReserve(CarrierReserve r) { runaways.setReserve(r); }

    /**
     * Whether the watchdog takes CPUs back from runaways (on unless switched off, before boot): off
     * only for programs without preemption points, which never reach the kernel while they compute.
     */
    public void setCpuWatch(boolean on) { watchCpus = on; }

    /** Installs the capture hook; call before boot. */
    public void setTap(KanTap tap) {
        lock.lock();
        try {
            kan.setTap(tap);
        } finally {
            lock.unlock();
        }
    }

    /** Impairs links between contexts as {@code rules} say (loss, delay, ...); call before boot. */
    public void setLinkRules(LinkRules rules) {
        lock.lock();
        try {
            if (scheduler != null) throw new IllegalStateException("link rules are set before boot");
            kan.setLinkRules(rules);
        } finally {
            lock.unlock();
        }
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
            scheduler = contexts.newContext(ContextName.SCHEDULER, schedulerAddress, kernelAddress,
                    Set.of(Capabilities.SCHEDULER, Capabilities.SPAWN, Capabilities.irq(Clock.LINE)), schedulerEntry, signals, false);
            machine.interrupts().connect(new InterruptSink() {
                @Override
                public void interrupt(int line) { interrupts.raised(line); }

                @Override
                public void raisedWhileMasked(int line) {
                    if (line == Clock.LINE) cpus.sliceEnded();
                }
            });
            // The clock runs before the scheduler does: a scheduler that registers for ticks and
            // sleeps at once would otherwise find a virtual clock with no controller and stall.
            machine.clock().start(machine.interrupts());
            hostHeap.watch();
            cpus.give(cpus.cpu(0), scheduler);
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
            return new KernelStats(kan.delivered, kan.queueFull, kan.unreachable, kan.spoofRefused, kan.malformed, kan.wrongNextHop,
                    interrupts.delivered, interrupts.lost, interrupts.spurious, contexts.count(), endings.faulted,
                    pool.inUse() - contexts.cachedPages(), kan.linkStats());
        } finally {
            lock.unlock();
        }
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

    /** Lock held. */
    void haltLocked(int status, String reason) {
        if (halted) return;
        halted = true;
        exitStatus = status;
        haltReason = reason;
        // No one will receive again: what waits in receive queues (a last clock tick, a packet sent
        // as the run ended) goes back to the pool, so the pages still in use are only those some
        // program took and never gave back.
        var all = contexts.all();
        for (var c : all) kan.drain(c);
        // The living say what they lost to their output limits now; the ended said it as they ended.
        for (var c : all) if (c.state != ContextState.FINISHED) endings.reportDroppedOutput(c);
        for (var c : all) if (c.thread != null) LockSupport.unpark(c.thread);
        halt.countDown();
    }

    /** The processes the boot config names, for the scheduler to start. */
    List<BootProcess> bootProcesses() { return bootProcesses; }

    /** Takes the lock itself. */
    long random() {
        lock.lock();
        try {
            return random.nextLong();
        } finally {
            lock.unlock();
        }
    }

    /** Lock held or not. */
    void checkLive() {
        if (halted) throw new Halted();
    }
}
