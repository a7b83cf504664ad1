/**
 * The load-time verifier (DESIGN.md section 4; issue 5, point 1): before a program runs, its
 * main class and every class of its own that it reaches are read with the JDK ClassFile API,
 * and any reference outside an allow-list refuses the program, one line per kind of refusal
 * naming the class, method, bytecode offset, reference and reason.
 *
 * <ul>
 *   <li>{@link packos.host.protect.verify.AllowListVerifier}: the {@code ProgramVerifier} the
 *       host's loader runs ({@code Protection.verifier()}), and {@code check} for tools.</li>
 *   <li>{@code AllowList}: what programs may use. In: the program API and library
 *       ({@code packos.lib}), the kernel's program-facing types (Syscalls, SchedulerCalls,
 *       Packet, Address, Prefix, Context, Switch, BootProcess, ContextLimits, OutputLimits, errors and faults,
 *       InetChecksum...), the language's own {@code java.lang} classes (minus monitors,
 *       {@code String.intern}, {@code Math.random}, property readers), collections and values of
 *       {@code java.util}, sequential streams, functions, regex, in-memory {@code java.io},
 *       heap buffers and charsets, {@code java.time} values (not {@code now}), {@code java.math},
 *       a little {@code java.text}, and javac's own bootstraps (lambdas, string concatenation,
 *       records, switches). Out: everything else, notably threads and concurrency, host clocks,
 *       reflection and method handles, class loading, {@code System.exit} and {@code Runtime},
 *       host processes, files, sockets and channels, FFM, {@code Unsafe} and JDK internals, JNI,
 *       properties and the environment, the host console, serialization, thread-locals, JVM-wide
 *       defaults, unseeded randomness, direct buffers, finalizers, {@code synchronized}, the
 *       host's own classes and the kernel's host-only ones (Kernel, Signals, ProgramLoader,
 *       KanTap) and the machine layer.</li>
 *   <li>{@link packos.host.protect.verify.VerifyCommand}: {@code packos verify JAR-OR-CLASSDIR...
 *       [--main CLASS]}, over {@link packos.host.protect.verify.ClassFiles}.</li>
 * </ul>
 */
package packos.host.protect.verify;
