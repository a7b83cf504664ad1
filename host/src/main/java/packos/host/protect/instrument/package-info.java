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
 *     back-edge, at the entry of each method that calls anything (recursion is a loop too) and at
 *     each exception handler; heap charges at {@code new}, {@code newarray}, {@code anewarray} and
 *     {@code multianewarray}.</li>
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
 * <p>Not covered: code the program does not bring (the JDK, the library) runs uninstrumented, so
 * a long JDK call is preempted at the program's next poll after it. What the library allocates
 * for the program is measured only when a call into the JDK or a slow poll has a window open on
 * the carriers in the same stretch on the CPU.
 */
package packos.host.protect.instrument;
