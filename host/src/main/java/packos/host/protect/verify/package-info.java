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
 *       Packet, Address, Prefix, Context, Switch, BootProcess, ContextLimits, errors and faults,
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
 *       [--main CLASS]}, over {@link packos.host.protect.verify.ClassFiles}. Exit status 0 when
 *       every class passes, 1 when one is refused (a class file or jar entry that cannot be read
 *       is a refusal naming the class), 2 for bad arguments.</li>
 * </ul>
 *
 * <p>Any class file gets an answer, never a throw: the verifier reads program bytes, so whatever
 * they hold is the author's choice. {@code Analyzer.analyze} is the one place the ClassFile API
 * meets them, and it fails closed: whatever the API throws, a stack overflow included, refuses
 * the class as {@code MALFORMED} (only the JVM's own out-of-memory and internal errors pass). The
 * graphs a class file draws are walked without recursion and within bounds: dynamic constants
 * passed as bootstrap arguments are walked once per class, a cycle is refused
 * ({@code BOOTSTRAP_CYCLE}) and so is a chain deeper than 64 ({@code BOOTSTRAP_DEPTH}); supertype
 * chains stop at a class met twice; a nested class's enclosing classes are looked up in a loop.
 * Refusal lines write control characters in names as backslash-u escapes, so a refusal is one console
 * line. {@code ClassFileFuzzTest} fuzzes all of this with Jazzer, and the instrumenter on every
 * class the verifier passes (see the host README).
 */
package packos.host.protect.verify;
