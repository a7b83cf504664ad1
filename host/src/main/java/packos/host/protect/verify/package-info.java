/**
 * The load-time verifier: before a program runs, its
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
 *   <li>Threads: no allowed member starts, borrows or hands work to a thread. The JDK sources of
 *       every allowed package were searched for {@code Thread}, {@code Executor},
 *       {@code ForkJoinPool}/{@code commonPool}, {@code CompletableFuture}, {@code Timer},
 *       {@code Cleaner}, {@code VirtualThread}, {@code ThreadFactory} and fork-join tasks. What
 *       they found, and why each is closed:
 *       <ul>
 *         <li>{@code Gatherers.mapConcurrent} starts a virtual thread per element: refused by
 *             name.</li>
 *         <li>The common fork-join pool behind {@code Collection.parallelStream},
 *             {@code BaseStream.parallel}, {@code Arrays.parallelSort/parallelSetAll/parallelPrefix}
 *             and {@code BigInteger.parallelMultiply}: every member of a {@code java.*} class whose
 *             name starts with {@code parallel} is refused, so one a later JDK adds is too.
 *             Every other way to a parallel stream goes through one of these names or
 *             {@code StreamSupport} (refused): the JDK's own {@code parallelStream}
 *             implementations are the only callers, {@code Stream.concat} and the rest keep a
 *             sequential source sequential, and gatherers, collectors and spliterators split work
 *             only for a parallel stream. {@code Arrays.sort} runs single-threaded (parallelism
 *             0).</li>
 *         <li>A program cannot rename one of these: a method of its own interface that its class
 *             answers with a member inherited from a shared superclass
 *             ({@code interface M { BigInteger parallelMultiply(BigInteger b); }} on a class
 *             extending {@code BigInteger}) is checked as that member.</li>
 *         <li>{@code Thread}, {@code ThreadGroup}, {@code ScopedValue}, {@code Timer},
 *             {@code TimerTask}, {@code Runtime} (shutdown hooks), {@code Process} and
 *             {@code ProcessHandle} ({@code onExit}), {@code java.util.concurrent} (executors,
 *             {@code CompletableFuture}, {@code StructuredTaskScope}, fork-join),
 *             {@code java.lang.ref} ({@code Cleaner}), finalizers, {@code System.Logger} and
 *             {@code java.util.logging}: refused as classes or packages.</li>
 *         <li>The JDK's own cleaners (direct buffers, {@code Inflater}/{@code Deflater}, file
 *             streams) run JDK code, never the program's, and their classes are refused
 *             besides.</li>
 *         <li>{@code packos.lib} and the kernel's program-facing types start no thread.</li>
 *       </ul>
 *       A path nobody listed still cannot act as the process: the kernel accepts kernel calls and
 *       preemption polls only from the context's own thread (see the kernel's README).</li>
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
