/**
 * The instrumenter: every program class is rewritten as its process's loader defines it, so that
 * a program that never calls the kernel still gives its CPU up, can be killed, and has its heap
 * allocation metered.
 *
 * <ul>
 * <li>{@link packos.host.protect.instrument.Instrumenter}: the {@code ClassTransformer}, one per
 *     boot (see {@code packos.host.protect.Protection}); it carries the original stack map frames
 *     over, so it needs no view of the program's class hierarchy.</li>
 * <li>{@code SignalPoints}: where the calls go in one method: {@code Signals.poll()} before each
 *     back-edge, at the entry of every method (recursion is a loop too, and JDK code that loops
 *     over a program's lambda meets no other poll) and at each exception handler; heap charges at
 *     {@code new}, {@code newarray}, {@code anewarray} and {@code multianewarray}; in a static
 *     initializer, {@code Signals.enterInitializer()} first and {@code leaveInitializer()} before
 *     each return, since a thread inside one cannot give its CPU up (JDK 25 pins its carrier):
 *     the kernel faults a process whose initializer waits for the kernel, or keeps its CPU
 *     {@code Kernel.INITIALIZER_HOLD_NANOS} after the clock asked for it, with an
 *     {@code InitializerFault}.</li>
 * <li>{@code RegexCalls}: calls that hand a program's text to the JDK's regular expression
 *     engine, and method references to them, go to {@code packos.kernel.PreemptibleRegex}, which
 *     makes the same call over the text wrapped so that each {@code charAt} polls: a catastrophic
 *     pattern is preempted and killed like a loop.</li>
 * <li>{@code MethodReferenceBridges}: a method reference to another class's method
 *     ({@code Math::abs}) becomes a lambda whose body is that method, so JDK code that loops over
 *     it ran no program code; each goes through a private bridge added to the class, which polls.</li>
 * <li>{@code KernelSignals}: the inserted instruction sequences, all around one dynamic constant
 *     per class that resolves to the process's {@code Signals}.</li>
 * <li>{@code HeapCharge}: what each allocation is charged.</li>
 * <li>{@code HostCalls}: the metering around each call into the JDK (see the kernel's
 *     {@code CarrierWindow}): what the call allocated is read off the JVM's per-thread count on
 *     the carrier threads and charged; a size argument is charged before the call.</li>
 * <li>{@code Determinism}: rewrites what would make a program's output depend on the JVM run:
 *     hash-ordered collections become insertion-ordered, and identity hash codes it could see
 *     become its process's numbers ({@code packos.kernel.Identities}). Always applied, with
 *     preemption off too.</li>
 * </ul>
 *
 * <p>Not covered: code the program does not bring (the JDK, the library) runs uninstrumented. A
 * JDK call that loops over program code (a stream over a lambda, a comparator, a regular
 * expression over the program's text) is preempted at the program code it calls; one that loops
 * without calling any (LongStream.range(0, Long.MAX_VALUE).sum(), BigInteger arithmetic on huge
 * numbers) keeps its CPU until it returns. What the library allocates for the program is measured
 * only when a call into the JDK or a slow poll has a window open on the carriers in the same
 * stretch on the CPU.
 */
package packos.host.protect.instrument;
