package packos.host;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import packos.kernel.Kernel;

/**
 * The JVM's spare carrier threads, held out of the way until the kernel's watchdog needs one.
 *
 * <p>{@code packos run} starts the JVM with {@link Kernel#SPARE_CARRIERS} carriers beyond one per
 * CPU, so that the machine can go on while a runaway keeps its carrier. But an idle carrier costs
 * latency even when no runaway exists: the JVM's scheduler wakes idle carriers to take work
 * another one pushed, and a packet handed from one context to the next then crosses host CPUs
 * (the 99th percentile of a KAN round trip went from 1.5 us to 40 us). So each spare is held by a
 * standby virtual thread parked while pinned to it: a virtual thread inside a foreign upcall
 * cannot unmount (JEP 444), so parking there blocks its carrier, which the scheduler then counts
 * as busy. The upcall comes from libc's {@code qsort}, given a comparator that parks until this
 * releases it; the comparator never throws (an exception out of an upcall ends the JVM).
 * Releasing a standby lets its upcall return, and its carrier serves the machine.
 */
final class SpareCarriers implements Kernel.CarrierReserve {
    /**
     * How many spare carriers the JVM was started with, to be held: set by {@code packos run} with
     * the carrier count itself, before the first virtual thread exists.
     */
    static final String PROPERTY = "packos.spareCarriers";

    private static final MethodHandle QSORT;
    private static final MethodHandle COMPARE;

    static {
        var linker = Linker.nativeLinker();
        QSORT = linker.downcallHandle(linker.defaultLookup().find("qsort").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
        try {
            COMPARE = MethodHandles.lookup().findStatic(SpareCarriers.class, "standBy",
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The release flag of the standby running on this thread, read by its comparator. */
    private static final ScopedValue<AtomicBoolean> RELEASED = ScopedValue.newInstance();

    private record Standby(Thread thread, AtomicBoolean released) {}

    private final ArrayDeque<Standby> held = new ArrayDeque<>();
    private final int spares;
    private boolean closed;

    private SpareCarriers(int spares) { this.spares = spares; }

    /** Holds {@code spares} carriers with standby threads; with FFM unavailable, holds none (the spares then idle). */
    static SpareCarriers hold(int spares) {
        var reserve = new SpareCarriers(spares);
        for (int i = 0; i < spares; i++) reserve.standBy();
        return reserve;
    }

    @Override
    public int spares() { return spares; }

    @Override
    public synchronized void release() {
        var s = held.poll();
        if (s == null) return;
        s.released.set(true);
        LockSupport.unpark(s.thread);
    }

    @Override
    public synchronized void restore() {
        if (!closed && held.size() < spares) standBy();
    }

    /**
     * Lets every spare go, for good: the machine has halted. A JVM that boots one machine after
     * another (the benchmark, a test) would otherwise pin two more carriers with each, until the
     * standbys of the next took the last carrier its machine had.
     */
    synchronized void close() {
        closed = true;
        while (!held.isEmpty()) release();
    }

    private void standBy() {
        var released = new AtomicBoolean();
        var thread = Thread.ofVirtual().name("packos-spare-carrier").unstarted(() -> ScopedValue.where(RELEASED, released).run(SpareCarriers::sortTwo));
        held.add(new Standby(thread, released));
        thread.start();
    }

    /** Sorts two ints with the parking comparator: the upcall that pins the carrier. */
    private static void sortTwo() {
        try (var arena = Arena.ofConfined()) {
            var ints = arena.allocate(ValueLayout.JAVA_INT, 2);
            var compare = Linker.nativeLinker().upcallStub(COMPARE,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS), arena);
            QSORT.invokeExact(ints, 2L, 4L, compare);
        } catch (Throwable e) {
            // Nothing to hold the carrier with: the spare idles, which costs latency, not safety.
        }
    }

    /** The comparator: parks, pinned, until released. */
    private static int standBy(MemorySegment a, MemorySegment b) {
        try {
            var released = RELEASED.get();
            while (!released.get()) LockSupport.park();
        } catch (Throwable e) {
            // never out of an upcall
        }
        return 0;
    }
}
