package packos.host.verify;

import static packos.host.protect.verify.Why.*;

import java.util.List;
import packos.host.protect.verify.Why;
import packos.hostile.load.*;

/**
 * The hostile programs of {@code packos.hostile.load}, each trying one way out, with what the
 * verifier must say: the reason, a piece of the refusal line naming the reference, and the class
 * the line is about (the program, or the class of it that holds the offending code).
 */
record Hostile(Class<?> program, Why why, String reference, String lineClass) {
    Hostile(Class<?> program, Why why, String reference) { this(program, why, reference, program.getName()); }

    String name() { return program.getName(); }

    @Override
    public String toString() { return program.getSimpleName(); }

    static final List<Hostile> ALL = List.of(
            new Hostile(SpawnsThread.class, THREADS, "creates java.lang.Thread"),
            new Hostile(SubmitsToExecutor.class, THREADS, "calls java.util.concurrent.Executors.newSingleThreadExecutor()"),
            new Hostile(Sleeper.class, SLEEP, "calls java.lang.Thread.sleep(long)"),
            new Hostile(PokesPrivateField.class, REFLECTION, "calls java.lang.Class.getDeclaredField(String)"),
            new Hostile(PrivateLookup.class, METHOD_HANDLES, "java.lang.invoke.MethodHandles.privateLookupIn(Class, MethodHandles$Lookup)"),
            new Hostile(LoadsClassByName.class, CLASS_LOADING, "calls java.lang.Class.forName(String)"),
            new Hostile(DefinesClassLoader.class, CLASS_LOADING, "extends java.lang.ClassLoader", DefinesClassLoader.class.getName() + "$Loader"),
            new Hostile(ExitsTheJvm.class, HOST_JVM, "calls java.lang.System.exit(int)"),
            new Hostile(RuntimeExec.class, HOST_JVM, "java.lang.Runtime.exec(String[])"),
            new Hostile(StartsProcessBuilder.class, HOST_PROCESSES, "creates java.lang.ProcessBuilder"),
            new Hostile(ReadsHostFile.class, FILES, "creates java.io.FileInputStream"),
            new Hostile(ReadsHostFileNio.class, FILES, "java.nio.file.Files.readString(Path)"),
            new Hostile(OpensSocket.class, NETWORK, "creates java.net.Socket"),
            new Hostile(SendsDatagramChannel.class, NETWORK, "calls java.nio.channels.DatagramChannel.open()"),
            new Hostile(LinksNativeCode.class, NATIVE, "calls java.lang.foreign.Linker.nativeLinker()"),
            new Hostile(UsesUnsafe.class, INTERNALS, "calls sun.misc.Unsafe.getUnsafe()"),
            new Hostile(DeclaresNativeMethod.class, JNI, "escape(): is declared native"),
            new Hostile(ReadsCurrentTimeMillis.class, CLOCK, "calls java.lang.System.currentTimeMillis()"),
            new Hostile(ReadsNanoTime.class, CLOCK, "calls java.lang.System.nanoTime()"),
            new Hostile(ReadsInstantNow.class, CLOCK, "calls java.time.Instant.now()"),
            new Hostile(ReadsEnvironment.class, ENVIRONMENT, "calls java.lang.System.getenv(String)"),
            new Hostile(ReadsSystemProperty.class, ENVIRONMENT, "calls java.lang.System.getProperty(String)"),
            new Hostile(ReplacesSystemOut.class, CONSOLE, "calls java.lang.System.setOut(PrintStream)"),
            new Hostile(PrintsToSystemOut.class, CONSOLE, "reads java.lang.System.out"),
            new Hostile(Serializes.class, SERIALIZATION, "creates java.io.ObjectOutputStream"),
            new Hostile(InternsString.class, INTERN, "calls java.lang.String.intern()"),
            new Hostile(SynchronizedMethod.class, SHARED_LOCK, "next(): is declared synchronized"),
            new Hostile(LocksStringLiteral.class, SHARED_LOCK, "enters a monitor"),
            new Hostile(UnseededRandom.class, UNSEEDED_RANDOM, "constructs java.util.Random()"),
            new Hostile(UsesThreadLocal.class, THREAD_LOCALS, "calls java.lang.ThreadLocal.withInitial(Supplier)"),
            new Hostile(BootsKernel.class, KERNEL_HOST, "creates packos.kernel.Kernel"),
            new Hostile(NamesSignals.class, SIGNALS, "creates packos.kernel.Signals"),
            new Hostile(NamesPreemptibleRegex.class, SIGNALS, "calls packos.kernel.PreemptibleRegex.matcher(Pattern, CharSequence)"),
            new Hostile(ScannerPattern.class, UNPREEMPTIBLE, "calls java.util.Scanner.findInLine(String)"),
            new Hostile(WaitsOnSharedObject.class, SHARED_LOCK, "calls java.lang.Object.notifyAll()"),
            new Hostile(ParallelStream.class, THREADS, "calls java.util.stream.IntStream.parallel()"),
            new Hostile(InheritedParallelStream.class, THREADS, "parallelStream() (inherited from java.util.ArrayList)"),
            new Hostile(InheritedViaInterface.class, THREADS, "parallelStream() (inherited from java.util.Collection)"),
            new Hostile(MapsConcurrently.class, THREADS, "calls java.util.stream.Gatherers.mapConcurrent(int, Function)"),
            new Hostile(MultipliesInParallel.class, THREADS, "calls java.math.BigInteger.parallelMultiply(BigInteger)"),
            new Hostile(ParallelByOwnInterface.class, THREADS, "implements packos.hostile.load.ParallelByOwnInterface$Multiplier"
                    + ".parallelMultiply(BigInteger) with the one it inherits from java.math.BigInteger", ParallelByOwnInterface.class.getName() + "$Big"),
            new Hostile(MathRandom.class, UNSEEDED_RANDOM, "calls java.lang.Math.random()"),
            new Hostile(PrintsIdentityHash.class, NONDETERMINISTIC, "calls java.lang.System.identityHashCode(Object)"),
            new Hostile(IteratesIdentityMap.class, NONDETERMINISTIC, "creates java.util.IdentityHashMap"),
            new Hostile(IteratesHashtable.class, NONDETERMINISTIC, "creates java.util.Hashtable"),
            new Hostile(SetsDefaultLocale.class, JVM_DEFAULTS, "calls java.util.Locale.setDefault(Locale)"),
            new Hostile(OverridesFinalize.class, FINALIZER, "finalize(): overrides finalize()"),
            new Hostile(MethodRefToClock.class, CLOCK, "refers to java.lang.System.nanoTime()"),
            new Hostile(UsesMachineClock.class, MACHINE, "creates packos.machine.VirtualClock"),
            new Hostile(ReachesHost.class, HOST_CODE, "calls packos.host.Main.commandLine()"),
            new Hostile(DirectBuffer.class, OFF_HEAP, "calls java.nio.ByteBuffer.allocateDirect(int)"),
            new Hostile(UsesLibraryHelper.class, CLOCK, "stamp() @0: calls java.lang.System.currentTimeMillis()",
                    "packos.hostile.load.Helper"));
}
