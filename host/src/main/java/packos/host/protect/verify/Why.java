package packos.host.protect.verify;

/** Why the verifier refuses a reference: one reason per way out, worded for the person who wrote the program. */
public enum Why {
    THREADS("threads are not for programs: a process runs on one thread, and the scheduler shares out the CPUs"),
    SLEEP("host clocks and threads are not for programs (time comes from the timer service)"),
    CLOCK("host clocks are not for programs (time comes from the machine clock, Process.now(), and the timer service)"),
    THREAD_LOCALS("thread-locals belong to host threads, which carry many processes"),
    REFLECTION("reflection reaches members and classes the program does not own"),
    METHOD_HANDLES("method handles and var handles can reach private members of other classes"),
    CLASS_LOADING("class loaders and lookups by name reach code and resources the verifier has not checked"),
    HOST_JVM("it acts on the whole host JVM, not on one process"),
    HOST_PROCESSES("host processes are out of reach of programs"),
    FILES("host files are not for programs"),
    NETWORK("host sockets are not for programs: all I/O goes through the KAN as IPv6 packets"),
    NATIVE("foreign memory and native code bypass the JVM's safety"),
    JNI("native methods (JNI) run code the verifier cannot check"),
    INTERNALS("JDK internals bypass the JVM's safety and access checks"),
    ENVIRONMENT("system properties and the environment belong to the host"),
    CONSOLE("the host console is not for programs: print through Process.print"),
    SERIALIZATION("serialization builds objects behind their constructors' backs"),
    INTERN("interned strings are shared by every process: locks and identities on them cross process boundaries"),
    SHARED_LOCK("a process has one thread: a monitor can only block or wake other processes, on objects they share"
            + " (interned strings, Class objects, boxed caches)"),
    NONDETERMINISTIC("what it answers depends on the JVM run (identity hash codes), so the same program and seed would not give the same bytes"),
    UNSEEDED_RANDOM("an unseeded random source makes runs irreproducible: seed it (new Random(seed))"),
    JVM_DEFAULTS("it changes JVM-wide defaults that every process shares"),
    REFERENCES("reference queues and cleaners are served by JVM threads outside the process"),
    FINALIZER("finalizers run on a JVM thread outside the process"),
    OFF_HEAP("direct buffers take host memory outside the process's heap budget"),
    KERNEL_HOST("the host builds, boots and taps the kernel: programs reach it only through Syscalls"),
    SIGNALS("kernel signals are planted by the loader's instrumentation, never named by programs"),
    UNPREEMPTIBLE("it runs the program's own regular expression inside the JDK over a buffer the program never sees, where"
            + " the kernel cannot take the CPU back from a pattern that backtracks for ever: match the text with Pattern instead"),
    MACHINE("the machine layer (clocks, interrupt controller, console) is the host's, and its clocks start threads"),
    HOST_CODE("the PackOS host is not reachable from programs"),
    BOOTSTRAP("only the JDK's vetted bootstraps (lambdas, string concatenation, records, switches) may link a call site or constant"),
    BOOTSTRAP_CYCLE("a dynamic constant that is its own bootstrap argument, directly or through others, can never be made"),
    BOOTSTRAP_DEPTH("dynamic constants nested this deep in bootstrap arguments are no construct of the language"),
    SHARED_PACKAGE("a program class may not declare itself in a shared package (the JDK, kernel, library or machine)"),
    WRONG_NAME("a class file must hold the class it is found under"),
    MALFORMED("the class file cannot be read"),
    NOT_ALLOWED("it is not on the allow-list of APIs programs may use");

    private final String text;

    Why(String text) { this.text = text; }

    /** The reason as the refusal line says it. */
    public String text() { return text; }
}
