package packos.host.protect.verify;

import static packos.host.protect.verify.Why.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What programs may reference outside their own classes. An allow-list: a shared class (JDK,
 * kernel, library, machine) that no rule here lets in is refused. Classes are looked up by binary
 * name ({@code java.util.Map$Entry}); a nested class follows its outer class unless named itself.
 *
 * <p>Three kinds of class rule: allowed (every member, except the members it names), partial
 * (only the members it names, plus {@code equals}, {@code hashCode}, {@code toString} and
 * {@code getClass}), denied (nothing; the members it names get a more precise reason). A package
 * rule covers the classes of a package and its subpackages that no class rule names, and may
 * deny members by name in all of them. The rules are fixed once built; lookups are remembered.
 */
final class AllowList {
    enum Kind { ALLOWED, PARTIAL, DENIED }

    /** A member by name, and optionally by the start of its descriptor; {@code why} null means allowed. */
    record MemberRule(String name, String descPrefix, Why why) {
        boolean matches(String memberName, String desc) {
            return name.equals(memberName) && (descPrefix.isEmpty() || desc.startsWith(descPrefix));
        }
    }

    record ClassRule(Kind kind, Why why, List<MemberRule> members) {
        /** The first member rule that names this member, or null. */
        MemberRule member(String name, String desc) {
            for (var m : members) if (m.matches(name, desc)) return m;
            return null;
        }
    }

    record PackageRule(String prefix, ClassRule fallback, List<MemberRule> members) {}

    private static final ClassRule NOT_LISTED = new ClassRule(Kind.DENIED, NOT_ALLOWED, List.of());
    private static final Set<String> OBJECT_BASICS = Set.of("equals", "hashCode", "toString", "getClass");
    /** Bootstraps javac's own constructs link through; nothing else may link a call site or dynamic constant. */
    private static final Map<String, Set<String>> BOOTSTRAPS = Map.of(
            "java.lang.invoke.LambdaMetafactory", Set.of("metafactory", "altMetafactory"),
            "java.lang.invoke.StringConcatFactory", Set.of("makeConcatWithConstants", "makeConcat"),
            "java.lang.runtime.ObjectMethods", Set.of("bootstrap"),
            "java.lang.runtime.SwitchBootstraps", Set.of("typeSwitch", "enumSwitch"),
            // invoke runs a method handle given as a static argument: that handle is checked like any reference.
            "java.lang.invoke.ConstantBootstraps", Set.of("nullConstant", "primitiveClass", "enumConstant", "explicitCast", "invoke"));
    /** Exceptions and errors of these packages are inert values: constructing, throwing and catching them is fine. */
    private static final Set<String> THROWABLE_PACKAGES = Set.of("java.lang", "java.util", "java.util.regex", "java.util.stream",
            "java.util.function", "java.io", "java.nio", "java.nio.charset", "java.math", "java.text", "java.time",
            "java.time.format", "java.time.temporal", "java.time.chrono", "java.time.zone", "java.lang.invoke",
            "java.lang.reflect", "java.util.concurrent", "java.lang.classfile", "java.lang.constant", "java.lang.runtime");

    private final Map<String, ClassRule> classes = new HashMap<>();
    private final List<PackageRule> packages = new ArrayList<>();
    /** The longest class name listed: a longer prefix of a nested class's name cannot be listed. */
    private final int longestListed;
    /** What is known of each class name met, by internal name: the same few hundred come up in every program. */
    private final ConcurrentHashMap<String, Info> infos = new ConcurrentHashMap<>();
    private static final int INFOS_MAX = 50_000;
    /**
     * Only names and descriptors this short are remembered: real ones are far shorter, and a class
     * file can hold names of 65,535 bytes, which 50,000 times over would take gigabytes of the host's heap.
     */
    private static final int REMEMBERED_LENGTH = 512;

    /** Where a class comes from: shared with every process, the host's own, or (possibly) the program's. */
    enum Origin { SHARED, HOST, PROGRAM }

    /** A class name as the verifier needs it: binary name, origin, and for shared classes the rules that apply. */
    record Info(String binary, Origin origin, ClassRule rule, List<MemberRule> packageMembers) {}

    AllowList() {
        build();
        longestListed = classes.keySet().stream().mapToInt(String::length).max().orElse(0);
        packages.sort(Comparator.comparingInt((PackageRule p) -> p.prefix.length()).reversed());
    }

    // ---- queries

    /** What is known of the class with internal name {@code internal} ({@code java/lang/String}). */
    Info info(String internal) {
        var info = infos.get(internal);
        if (info != null) return info;
        String binary = Names.binary(internal);
        if (Names.isHost(binary)) {
            info = new Info(binary, Origin.HOST, NOT_LISTED, List.of());
        } else if (Names.isShared(binary)) {
            var members = new ArrayList<MemberRule>();
            for (var p : packages) if (binary.startsWith(p.prefix)) members.addAll(p.members);
            info = new Info(binary, Origin.SHARED, lookup(binary), List.copyOf(members));
        } else {
            info = new Info(binary, Origin.PROGRAM, null, List.of());
        }
        if (infos.size() < INFOS_MAX && internal.length() <= REMEMBERED_LENGTH) infos.put(internal, info);
        return info;
    }

    private final ConcurrentHashMap<String, List<String>> descriptors = new ConcurrentHashMap<>();

    /** Binary names of the non-shared, non-host classes a field or method descriptor names; remembered like {@link #info}. */
    List<String> programClassesIn(String desc) {
        var known = descriptors.get(desc);
        if (known != null) return known;
        var out = new ArrayList<String>(1);
        for (String internal : Names.classesIn(desc)) {
            var c = info(internal);
            if (c.origin() == Origin.PROGRAM) out.add(c.binary());
        }
        known = out.isEmpty() ? List.of() : List.copyOf(out);
        if (descriptors.size() < INFOS_MAX && desc.length() <= REMEMBERED_LENGTH) descriptors.put(desc, known);
        return known;
    }

    /** The rule of a shared class, by binary name. */
    ClassRule classRule(String binary) { return info(binary.replace('.', '/')).rule; }

    /**
     * The rule of a shared class: its own, or for a nested class not listed by itself, its nearest
     * listed enclosing class's if that class is wholly allowed and a denial for the same reason
     * otherwise. Without recursion and without copying the name at every {@code $}: a name can
     * hold tens of thousands of them.
     */
    private ClassRule lookup(String name) {
        var rule = classes.get(name);
        if (rule != null) return rule;
        int dot = name.lastIndexOf('.');
        // The enclosing classes, innermost first: the name cut at each '$' after the package.
        for (int dollar = name.lastIndexOf('$'); dollar > dot + 1; dollar = name.lastIndexOf('$', dollar - 1)) {
            if (dollar > longestListed) continue;
            var outer = classes.get(name.substring(0, dollar));
            if (outer != null) return nested(outer);
        }
        int first = name.indexOf('$', dot + 2);
        String outermost = first < 0 ? name : name.substring(0, first);
        var base = unlisted(outermost);
        return first < 0 ? base : nested(base);
    }

    private static ClassRule nested(ClassRule outer) {
        return outer.kind == Kind.ALLOWED ? outer : new ClassRule(Kind.DENIED, outer.why, List.of());
    }

    /** The rule of a class listed neither by itself nor by an enclosing class. */
    private ClassRule unlisted(String name) {
        int dot = name.lastIndexOf('.');
        if (dot > 0 && (name.endsWith("Exception") || name.endsWith("Error")) && THROWABLE_PACKAGES.contains(name.substring(0, dot))) {
            return new ClassRule(Kind.ALLOWED, null, List.of());
        }
        for (var p : packages) if (name.startsWith(p.prefix)) return p.fallback;
        return NOT_LISTED;
    }

    /** Why a program may not name shared class {@code c} at all (as a type, a class constant, an object it creates), or null. */
    Why mention(Info c) {
        return c.rule.kind == Kind.DENIED ? c.rule.why : null;
    }

    /** Why a program class may not extend or implement shared class {@code c}, or null: only wholly allowed classes may be. */
    Why supertype(Info c) {
        return c.rule.kind == Kind.ALLOWED ? null : c.rule.why;
    }

    /** {@link #member(Info, String, String)} by the owner's binary name. */
    Why member(String owner, String name, String desc) { return member(info(owner.replace('.', '/')), name, desc); }

    /** Why a program may not use member {@code name} (a method or field; {@code desc} its descriptor) of shared class {@code owner}, or null. */
    Why member(Info owner, String name, String desc) {
        // Every class has Object's monitor methods: none of them is any use to a process with one thread.
        if ((name.equals("wait") || name.equals("notify") || name.equals("notifyAll"))
                && (desc.equals("()V") || desc.equals("(J)V") || desc.equals("(JI)V"))) return SHARED_LOCK;
        // The JDK's parallel-anything (streams, sorts, prefix sums, BigInteger.parallelMultiply) runs on the
        // common fork-join pool: by name, so that one added in a later JDK is refused too. Object has none (a
        // lookup through an interface passes Object before the superinterfaces that do).
        if (name.startsWith("parallel") && owner.binary().startsWith("java.") && !owner.binary().equals("java.lang.Object")) return THREADS;
        // Every throwable has it, and it prints to the host's System.err.
        if (name.equals("printStackTrace") && desc.equals("()V")) return CONSOLE;
        for (var m : owner.packageMembers) if (m.matches(name, desc)) return m.why;
        var rule = owner.rule;
        var named = rule.member(name, desc);
        return switch (rule.kind) {
            case ALLOWED -> named == null ? null : named.why;
            case DENIED -> named != null && named.why != null ? named.why : rule.why;
            case PARTIAL -> named != null ? named.why : OBJECT_BASICS.contains(name) ? null : rule.why;
        };
    }

    /** Whether {@code owner.name} may bootstrap a call site or dynamic constant. */
    boolean bootstrap(String owner, String name) {
        var names = BOOTSTRAPS.get(owner);
        return names != null && names.contains(name);
    }

    // ---- the list itself

    private void build() {
        // java.lang: the language's own classes, minus what reaches the host or other processes.
        allow("java.lang.Object", deny("finalize", FINALIZER));
        allow("java.lang.String", deny("intern", INTERN));
        allowAll("java.lang.", "StringBuilder", "StringBuffer", "CharSequence", "Comparable", "Iterable", "AutoCloseable",
                "Runnable", "Cloneable", "Appendable", "Readable", "Number", "Byte", "Short", "Character", "Float", "Double",
                "Void", "Enum", "Record", "Throwable", "StackTraceElement", "Override", "Deprecated", "FunctionalInterface",
                "SafeVarargs", "SuppressWarnings");
        allow("java.lang.Boolean", deny("getBoolean", ENVIRONMENT));
        allow("java.lang.Integer", deny("getInteger", ENVIRONMENT));
        allow("java.lang.Long", deny("getLong", ENVIRONMENT));
        allow("java.lang.Math", deny("random", UNSEEDED_RANDOM));
        allow("java.lang.StrictMath", deny("random", UNSEEDED_RANDOM));
        partial("java.lang.System", HOST_JVM,
                ok("arraycopy"), ok("lineSeparator"), deny("identityHashCode", NONDETERMINISTIC),
                deny("currentTimeMillis", CLOCK), deny("nanoTime", CLOCK),
                deny("exit", HOST_JVM),
                deny("getenv", ENVIRONMENT), deny("getProperty", ENVIRONMENT), deny("getProperties", ENVIRONMENT),
                deny("setProperty", ENVIRONMENT), deny("setProperties", ENVIRONMENT), deny("clearProperty", ENVIRONMENT),
                deny("out", CONSOLE), deny("err", CONSOLE), deny("in", CONSOLE), deny("setOut", CONSOLE), deny("setErr", CONSOLE),
                deny("setIn", CONSOLE), deny("console", CONSOLE), deny("inheritedChannel", NETWORK),
                deny("load", JNI), deny("loadLibrary", JNI), deny("mapLibraryName", JNI));
        partial("java.lang.Class", REFLECTION,
                ok("getName"), ok("getSimpleName"), ok("getTypeName"), ok("getCanonicalName"), ok("getPackageName"),
                ok("isInstance"), ok("cast"), ok("isArray"), ok("isPrimitive"), ok("isInterface"), ok("isEnum"), ok("isRecord"),
                ok("isAnnotation"), ok("isHidden"), ok("isSealed"), ok("isAssignableFrom"), ok("getComponentType"),
                ok("componentType"), ok("arrayType"), ok("descriptorString"), ok("desiredAssertionStatus"),
                ok("getClassLoader"), ok("toGenericString"),
                deny("forName", CLASS_LOADING), deny("getResource", CLASS_LOADING), deny("getResourceAsStream", CLASS_LOADING));
        // A program may ask which loader holds it (its process's), and that loader's name: nothing more.
        partial("java.lang.ClassLoader", CLASS_LOADING, ok("getName"));
        denyClass("java.lang.Thread", THREADS, deny("sleep", SLEEP));
        denyAll(THREADS, "java.lang.", "ThreadGroup", "ScopedValue");
        denyAll(THREAD_LOCALS, "java.lang.", "ThreadLocal", "InheritableThreadLocal");
        denyClass("java.lang.Runtime", HOST_JVM);
        denyAll(HOST_PROCESSES, "java.lang.", "Process", "ProcessBuilder", "ProcessHandle");
        denyAll(REFLECTION, "java.lang.", "ClassValue", "StackWalker", "Module", "ModuleLayer", "Package");
        denyAll(HOST_JVM, "java.lang.", "SecurityManager");
        packageRule("java.lang.reflect.", REFLECTION);
        packageRule("java.lang.invoke.", METHOD_HANDLES);
        packageRule("java.lang.foreign.", NATIVE);
        packageRule("java.lang.ref.", REFERENCES);
        packageRule("java.lang.module.", REFLECTION);
        packageRule("java.lang.management.", HOST_JVM);
        packageRule("java.lang.instrument.", HOST_JVM);
        packageRule("java.lang.classfile.", CLASS_LOADING);
        // Inert descriptions of constants (ClassDesc, EnumDesc...): resolving one needs a Lookup, which programs cannot get.
        allowPackage("java.lang.constant.");
        allowPackage("java.lang.annotation.");

        // java.util: collections and values; not timers, services, calendars, logging, or anything that reads the host.
        allowAll("java.util.", "Collection", "List", "Set", "Map", "Queue", "Deque", "SortedMap", "SortedSet", "NavigableMap",
                "NavigableSet", "SequencedCollection", "SequencedMap", "SequencedSet", "Iterator", "ListIterator", "Enumeration",
                "RandomAccess", "Comparator", "Spliterator", "Spliterators", "PrimitiveIterator",
                "AbstractCollection", "AbstractList", "AbstractSequentialList", "AbstractSet", "AbstractMap", "AbstractQueue",
                "ArrayList", "LinkedList", "ArrayDeque", "PriorityQueue", "HashMap", "LinkedHashMap", "TreeMap", "HashSet",
                "LinkedHashSet", "TreeSet", "EnumMap", "EnumSet", "Vector", "Stack",
                "BitSet", "Arrays", "Objects", "Optional", "OptionalInt", "OptionalLong",
                "OptionalDouble", "StringJoiner", "StringTokenizer", "Base64", "HexFormat", "IntSummaryStatistics",
                "LongSummaryStatistics", "DoubleSummaryStatistics");
        // Its own patterns are linear; a program's runs over the scanner's buffer, which the instrumenter cannot wrap (see RegexCalls).
        allow("java.util.Scanner", deny("useDelimiter", UNPREEMPTIBLE), deny("findInLine", UNPREEMPTIBLE),
                deny("findWithinHorizon", UNPREEMPTIBLE), deny("findAll", UNPREEMPTIBLE), deny("skip", UNPREEMPTIBLE),
                deny("hasNext", "(Ljava/lang/String;", UNPREEMPTIBLE), deny("hasNext", "(Ljava/util/regex/Pattern;", UNPREEMPTIBLE),
                deny("next", "(Ljava/lang/String;", UNPREEMPTIBLE), deny("next", "(Ljava/util/regex/Pattern;", UNPREEMPTIBLE));
        allow("java.util.Collections", deny("shuffle", "(Ljava/util/List;)V", UNSEEDED_RANDOM));
        allow("java.util.Random", deny("<init>", "()V", UNSEEDED_RANDOM));
        allow("java.util.SplittableRandom", deny("<init>", "()V", UNSEEDED_RANDOM));
        allow("java.util.UUID", deny("randomUUID", UNSEEDED_RANDOM));
        allow("java.util.Date", deny("<init>", "()V", CLOCK));
        allow("java.util.Locale", deny("setDefault", JVM_DEFAULTS));
        denyAll(THREADS, "java.util.", "Timer", "TimerTask");
        // Their iteration orders follow identity hash codes, which differ from one JVM run to the next;
        // the loader makes HashMap and HashSet insertion-ordered, but not these.
        denyAll(NONDETERMINISTIC, "java.util.", "IdentityHashMap", "Hashtable", "Properties", "Dictionary");
        denyAll(CLASS_LOADING, "java.util.", "ServiceLoader", "ResourceBundle", "ListResourceBundle", "PropertyResourceBundle");
        denyAll(CLOCK, "java.util.", "Calendar", "GregorianCalendar");
        denyAll(ENVIRONMENT, "java.util.", "TimeZone", "SimpleTimeZone");
        // Formatter(String) opens a file; String.format does the same work.
        denyAll(FILES, "java.util.", "Formatter");
        // parallel(), parallelStream(), parallelSort()...: every JDK member named parallel* is refused (see member).
        packageRule("java.util.", NOT_ALLOWED);
        allowPackage("java.util.function.");
        allowPackage("java.util.regex.");
        allowPackage("java.util.stream.");
        // StreamSupport.stream(spliterator, true) makes a parallel stream.
        denyAll(THREADS, "java.util.stream.", "StreamSupport");
        // Concurrent maps iterate in hash order, which the loader cannot make insertion order.
        allow("java.util.stream.Collectors", deny("toConcurrentMap", NONDETERMINISTIC), deny("groupingByConcurrent", NONDETERMINISTIC));
        // mapConcurrent runs the mapper on virtual threads of its own, which would make kernel calls as the process.
        allow("java.util.stream.Gatherers", deny("mapConcurrent", THREADS));
        packageRule("java.util.concurrent.", THREADS);
        packageRule("java.util.logging.", JVM_DEFAULTS);
        packageRule("java.util.prefs.", FILES);
        packageRule("java.util.jar.", FILES);
        packageRule("java.util.zip.", FILES);
        allowAll("java.util.zip.", "Checksum", "CRC32", "CRC32C", "Adler32");
        packageRule("java.util.spi.", CLASS_LOADING);
        packageRule("java.util.random.", NOT_ALLOWED, deny("of", UNSEEDED_RANDOM), deny("getDefault", UNSEEDED_RANDOM));
        allow("java.util.random.RandomGenerator");

        // java.io: in-memory streams, readers and writers; not files, the console, or serialization.
        allowAll("java.io.", "Serializable", "Closeable", "Flushable", "InputStream", "OutputStream", "ByteArrayInputStream",
                "ByteArrayOutputStream", "Reader", "Writer", "StringReader", "StringWriter", "CharArrayReader", "CharArrayWriter",
                "BufferedReader", "BufferedWriter", "BufferedInputStream", "BufferedOutputStream", "InputStreamReader",
                "OutputStreamWriter", "DataInput", "DataOutput", "DataInputStream", "DataOutputStream", "FilterInputStream",
                "FilterOutputStream", "FilterReader", "FilterWriter", "PushbackInputStream", "PushbackReader",
                "SequenceInputStream", "LineNumberReader");
        // PrintStream(String fileName), PrintWriter(File)...: only the constructors over streams and writers.
        for (String name : List.of("java.io.PrintStream", "java.io.PrintWriter")) {
            allow(name, deny("<init>", "(Ljava/lang/String;", FILES), deny("<init>", "(Ljava/io/File;", FILES));
        }
        denyAll(FILES, "java.io.", "File", "FileInputStream", "FileOutputStream", "FileReader", "FileWriter", "RandomAccessFile",
                "FileDescriptor", "FileFilter", "FilenameFilter", "FilePermission");
        denyAll(SERIALIZATION, "java.io.", "ObjectInputStream", "ObjectOutputStream", "ObjectInput", "ObjectOutput",
                "ObjectStreamClass", "ObjectStreamField", "ObjectInputFilter", "ObjectInputValidation", "Externalizable",
                "SerializablePermission");
        denyAll(CONSOLE, "java.io.", "Console");
        packageRule("java.io.", NOT_ALLOWED);

        // java.nio: heap buffers and charsets; not direct or mapped buffers, files or channels.
        allowAll("java.nio.", "Buffer", "CharBuffer", "ShortBuffer", "IntBuffer", "LongBuffer", "FloatBuffer", "DoubleBuffer", "ByteOrder");
        allow("java.nio.ByteBuffer", deny("allocateDirect", OFF_HEAP));
        denyAll(FILES, "java.nio.", "MappedByteBuffer");
        packageRule("java.nio.", NOT_ALLOWED);
        allowPackage("java.nio.charset.");
        packageRule("java.nio.charset.spi.", CLASS_LOADING);
        packageRule("java.nio.file.", FILES);
        packageRule("java.nio.channels.", NETWORK);
        denyAll(FILES, "java.nio.channels.", "FileChannel", "AsynchronousFileChannel", "FileLock");

        // java.time: values and arithmetic; not the host's clock or time zone.
        packageRule("java.time.", ALLOWED_FALLBACK, deny("now", CLOCK), deny("dateNow", CLOCK));
        denyAll(CLOCK, "java.time.", "Clock", "InstantSource");
        allow("java.time.ZoneId", deny("systemDefault", ENVIRONMENT));
        denyAll(JVM_DEFAULTS, "java.time.zone.", "ZoneRulesProvider");

        allowPackage("java.math.");
        allowAll("java.text.", "Normalizer", "Format", "NumberFormat", "DecimalFormat", "DecimalFormatSymbols", "CompactNumberFormat",
                "ChoiceFormat", "MessageFormat", "FieldPosition", "ParsePosition");
        packageRule("java.text.", NOT_ALLOWED);

        packageRule("java.net.", NETWORK);
        denyAll(CLASS_LOADING, "java.net.", "URLClassLoader");
        denyAll(CLASS_LOADING, "java.security.", "SecureClassLoader");
        packageRule("javax.", NOT_ALLOWED);
        packageRule("jdk.internal.", INTERNALS);
        packageRule("sun.", INTERNALS);
        packageRule("com.sun.", INTERNALS);
        packageRule("jdk.", INTERNALS);

        // PackOS: the program API and library; the parts of the kernel a program sees.
        allowPackage("packos.lib.");
        allowAll("packos.kernel.", "Syscalls", "SchedulerCalls", "Packet", "Address", "Prefix", "ErrorCode", "KernelException",
                "Fault", "DeadPacketFault", "HeapLimitFault", "KilledFault", "QuotaExceededFault", "ForeignThreadFault", "InitializerFault", "RunawayFault",
                "Context", "ContextState", "Switch", "BootProcess", "ContextLimits", "OutputLimits", "KernelStats", "InetChecksum", "DeviceAccess",
                "Capabilities");
        denyAll(KERNEL_HOST, "packos.kernel.", "Kernel", "KernelConfig", "ProgramLoader", "KanTap", "ContextEntry");
        denyAll(SIGNALS, "packos.kernel.", "Signals", "PreemptibleRegex", "PreemptibleStreams");
        packageRule("packos.kernel.", NOT_ALLOWED);
        // The MAC address record is a value every layer shares (the card's, the config's, the
        // frames' and NDP's), kept at the bottom so that there is one; nothing in it reaches the machine.
        allow("packos.machine.nic.MacAddress");
        packageRule("packos.machine.", MACHINE);
        packageRule("packos.host.", HOST_CODE);
        packageRule("picocli.", HOST_CODE);
    }

    /** Fallback of a package whose unnamed classes are all allowed. */
    private static final Why ALLOWED_FALLBACK = null;

    private static MemberRule ok(String name) { return new MemberRule(name, "", null); }

    private static MemberRule deny(String name, Why why) { return new MemberRule(name, "", why); }

    private static MemberRule deny(String name, String descPrefix, Why why) { return new MemberRule(name, descPrefix, why); }

    private void allow(String name, MemberRule... denied) { classes.put(name, new ClassRule(Kind.ALLOWED, null, List.of(denied))); }

    private void allowAll(String pkg, String... names) { for (String n : names) allow(pkg + n); }

    private void partial(String name, Why why, MemberRule... members) { classes.put(name, new ClassRule(Kind.PARTIAL, why, List.of(members))); }

    private void denyClass(String name, Why why, MemberRule... members) { classes.put(name, new ClassRule(Kind.DENIED, why, List.of(members))); }

    private void denyAll(Why why, String pkg, String... names) { for (String n : names) denyClass(pkg + n, why); }

    private void allowPackage(String prefix) { packageRule(prefix, ALLOWED_FALLBACK); }

    /** Classes under {@code prefix} no class rule names: allowed if {@code why} is null, else refused for it. */
    private void packageRule(String prefix, Why why, MemberRule... members) {
        var fallback = why == null ? new ClassRule(Kind.ALLOWED, null, List.of()) : new ClassRule(Kind.DENIED, why, List.of());
        packages.add(new PackageRule(prefix, fallback, List.of(members)));
    }
}
