package packos.host.protect.instrument;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.Set;

/**
 * After each call into the JDK that returns a stream, the stream goes through
 * {@code packos.kernel.PreemptibleStreams.polled}, which adds a stage polling the process's
 * signals at each element: JDK stream code with JDK sources and functions calls nothing of the
 * program's back, so this is where such a pipeline can be preempted, killed and metered. A call
 * to a method of the program's own class is left alone (its streams were polled where it got
 * them). {@code [stream] -> [stream]}: the stack does not change.
 */
final class StreamCalls {
    private static final ClassDesc HELPER = ClassDesc.of("packos.kernel.PreemptibleStreams");
    private static final Set<String> STREAMS = Set.of("Ljava/util/stream/Stream;", "Ljava/util/stream/IntStream;",
            "Ljava/util/stream/LongStream;", "Ljava/util/stream/DoubleStream;");

    private StreamCalls() {}

    /** Whether {@code i} is a call into the JDK whose result is one of the four stream types. */
    static boolean returnsStream(InvokeInstruction i) {
        String owner = i.owner().asInternalName();
        return STREAMS.contains(i.typeSymbol().returnType().descriptorString())
                && (owner.startsWith("java/") || owner.startsWith("javax/") || owner.startsWith("jdk/"));
    }

    /** {@code [stream] -> [stream]}: the stream with a polling stage. */
    static void polled(CodeBuilder cb, ConstantDynamicEntry signals, InvokeInstruction i) {
        ClassDesc type = i.typeSymbol().returnType();
        cb.ldc(signals).invokestatic(HELPER, "polled", MethodTypeDesc.of(type, type, KernelSignals.SIGNALS));
    }
}
