package packos.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel's contexts (xv6's proc.c, less the scheduling): making them, finding them by KAN
 * address or name, the gateway, and the body each context's virtual thread runs. How one ends is
 * {@link Endings}'.
 *
 * <p>Lock rule: methods that say "lock held" are called by other rooms inside the kernel lock;
 * the rest take it themselves, and {@link #create} loads the program before it does (loading
 * verifies and instruments classes, far from O(1)). {@link #threadBody} runs on the context's own
 * thread, without the lock.
 */
final class Contexts {
    private final Kernel kernel;
    private final HashMap<Address, Context> byAddress = new HashMap<>();
    private final ArrayList<Context> all = new ArrayList<>();
    /** The live context holding {@link Capabilities#FORWARD} that processes route off the KAN through; null when none lives. */
    private Context gateway;
    private long nextInterfaceId = 3;

    Contexts(Kernel kernel) { this.kernel = kernel; }

    /** Lock held. */
    Context newContext(String name, Address address, Address creator, Set<String> caps, ContextEntry entry, Signals signals,
                       boolean injectable) {
        int id = all.size();
        var faults = injectable ? FaultInjection.of(signals.limits(), kernel.config.seed(), id) : null;
        var c = new Context(kernel, id, name, address, creator, caps, entry, signals, faults);
        all.add(c);
        byAddress.put(address, c);
        // The first forwarder is the gateway; a later one takes over only when it has ended, so the answer stays O(1).
        if (c.forwards && gateway == null) gateway = c;
        return c;
    }

    /** The scheduler's spawn: loads the program, then takes the lock to give it an address. */
    Context create(Context creator, String name, String program, List<String> args, Set<String> caps, Address requested,
                   ContextLimits limits) {
        ContextName.check(name);
        ContextEntry entry;
        kernel.runaways.checkCarrierToSpare(name);
        var signals = new Signals(limits != null ? limits : ContextLimits.of(kernel.config));
        try {
            entry = kernel.loader.load(program, name, args, signals);
        } catch (ProgramLoader.ProgramLoadException e) {
            throw new KernelException(ErrorCode.DOES_NOT_EXIST, e.getMessage());
        }
        var prefix = kernel.config.prefix();
        kernel.lock.lock();
        try {
            kernel.checkLive();
            Address address;
            if (requested != null) {
                if (!prefix.contains(requested)) {
                    throw new KernelException(ErrorCode.INVALID_ARGUMENT, requested + " is not in the KAN prefix " + prefix);
                }
                if (requested.equals(kernel.kernelAddress()) || byAddress.containsKey(requested)) {
                    throw new KernelException(ErrorCode.ADDRESS_IN_USE, requested.toString());
                }
                address = requested;
            } else {
                do {
                    address = prefix.address().withInterfaceId(nextInterfaceId++);
                } while (byAddress.containsKey(address));
            }
            var ctx = newContext(name, address, creator.address, caps, entry, signals, true);
            ctx.state = ContextState.READY;
            return ctx;
        } finally {
            kernel.lock.unlock();
        }
    }

    /** Every context ever made, in order of creation. Lock held; the caller does not change it. */
    List<Context> all() { return all; }

    /** A copy of {@link #all}; takes the lock. */
    List<Context> snapshot() {
        kernel.lock.lock();
        try {
            return List.copyOf(all);
        } finally {
            kernel.lock.unlock();
        }
    }

    /** Lock held. */
    int count() { return all.size(); }

    /** Pages sitting wiped in contexts' caches: free for their owners, so not "in use". Lock held. */
    int cachedPages() {
        int n = 0;
        for (var c : all) n += c.cachedPages;
        return n;
    }

    /**
     * The KAN address of the newest context created under {@code name}, if there is one, living or
     * ended: a restarted process gets its old address again, so a host-side relay (user-mode
     * networking's port forwards) can name a process before and across its restarts.
     */
    Optional<Address> addressOf(String name) {
        kernel.lock.lock();
        try {
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).name.equals(name)) return Optional.of(all.get(i).address);
            }
            return Optional.empty();
        } finally {
            kernel.lock.unlock();
        }
    }

    /** The live context at {@code a}, or null. Lock held. */
    Context at(Address a) { return byAddress.get(a); }

    /** {@link #at} for callers without the lock. */
    Context contextAt(Address a) {
        kernel.lock.lock();
        try {
            return byAddress.get(a);
        } finally {
            kernel.lock.unlock();
        }
    }

    /** The gateway's KAN address, or null: see {@link Syscalls#gateway()}. */
    Address gateway() {
        kernel.lock.lock();
        try {
            return gateway == null ? null : gateway.address;
        } finally {
            kernel.lock.unlock();
        }
    }

    /** Whether a live context, or the kernel itself, has {@code a}: see {@link Syscalls#isKanAddressInUse}. */
    boolean isKanAddressInUse(Address a) {
        kernel.lock.lock();
        try {
            return a.equals(kernel.kernelAddress()) || byAddress.containsKey(a);
        } finally {
            kernel.lock.unlock();
        }
    }

    /** A context has ended: its address may be given again, and it routes for no one. Lock held. */
    void forget(Context ctx) {
        byAddress.remove(ctx.address);
        if (gateway == ctx) gateway = null;
    }

    /** What a context's virtual thread runs, without the lock: wait for a CPU, run the program, end. */
    void threadBody(Context ctx) {
        try {
            run(ctx);
        } finally {
            kernel.runaways.carrierReturned(ctx);
        }
    }

    private void run(Context ctx) {
        try {
            kernel.cpus.awaitCpu(ctx);
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
        kernel.endings.finish(ctx, fault, reason);
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
}
