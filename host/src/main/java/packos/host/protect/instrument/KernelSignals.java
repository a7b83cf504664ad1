package packos.host.protect.instrument;

import static java.lang.constant.ConstantDescs.CD_Class;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import packos.kernel.Signals;

/**
 * The calls the instrumenter plants: each loads the process's {@link Signals} as a dynamic
 * constant (resolved once per class, by {@link Signals#bootstrap}, from the class's own loader)
 * and calls it. None of them branches or needs a local, so the frames around them stay valid.
 */
final class KernelSignals {
    static final ClassDesc SIGNALS = ClassDesc.of(Signals.class.getName());
    private static final DirectMethodHandleDesc BOOTSTRAP = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, SIGNALS,
            "bootstrap", MethodTypeDesc.of(SIGNALS, ClassDesc.of("java.lang.invoke.MethodHandles$Lookup"), CD_String, CD_Class));
    /** The one constant every instrumented class loads: its process's signals. */
    static final DynamicConstantDesc<Signals> CONSTANT = DynamicConstantDesc.ofNamed(BOOTSTRAP, "signals", SIGNALS);

    private static final MethodTypeDesc POLL = MethodTypeDesc.of(CD_void);
    private static final MethodTypeDesc ALLOCATED = MethodTypeDesc.of(CD_void, CD_long);
    private static final MethodTypeDesc ALLOCATED_ARRAY = MethodTypeDesc.of(CD_int, CD_int, CD_int);
    private static final MethodTypeDesc BEYOND = MethodTypeDesc.of(CD_void, CD_int, CD_int, CD_int);
    private static final MethodTypeDesc WEIGHED = MethodTypeDesc.of(CD_void, CD_int);

    private KernelSignals() {}

    /** The class's entry for the constant (the pool returns the same entry each time it is asked). */
    static ConstantDynamicEntry entry(CodeBuilder cb) { return cb.constantPool().constantDynamicEntry(CONSTANT); }

    /** {@code [] -> []}: a preemption point. */
    static void poll(CodeBuilder cb, ConstantDynamicEntry signals) {
        cb.ldc(signals).invokevirtual(SIGNALS, "poll", POLL);
    }

    /** {@code [] -> []}: a method whose frame weighs {@code weight} bytes begins (see packos.kernel.StackBudget). */
    static void enter(CodeBuilder cb, ConstantDynamicEntry signals, int weight) {
        cb.ldc(signals).loadConstant(weight).invokevirtual(SIGNALS, "enter", WEIGHED);
    }

    /** {@code [] -> []}: the same method ends, by a return or an exception. */
    static void leave(CodeBuilder cb, ConstantDynamicEntry signals) {
        cb.ldc(signals).invokevirtual(SIGNALS, "leave", POLL);
    }

    /** {@code [] -> []}: an exception handler of the same method begins. */
    static void resume(CodeBuilder cb, ConstantDynamicEntry signals, int weight) {
        cb.ldc(signals).loadConstant(weight).invokevirtual(SIGNALS, "resume", WEIGHED);
    }

    /** {@code [] -> []}: a static initializer begins. */
    static void enterInitializer(CodeBuilder cb, ConstantDynamicEntry signals) {
        cb.ldc(signals).invokevirtual(SIGNALS, "enterInitializer", POLL);
    }

    /** {@code [] -> []}: a static initializer returns. */
    static void leaveInitializer(CodeBuilder cb, ConstantDynamicEntry signals) {
        cb.ldc(signals).invokevirtual(SIGNALS, "leaveInitializer", POLL);
    }

    /** {@code [] -> []}: charges {@code bytes} of heap. */
    static void allocated(CodeBuilder cb, ConstantDynamicEntry signals, long bytes) {
        cb.ldc(signals).loadConstant(bytes).invokevirtual(SIGNALS, "allocated", ALLOCATED);
    }

    /** {@code [long] -> []}: charges the bytes on the stack. */
    static void allocatedOnStack(CodeBuilder cb, ConstantDynamicEntry signals) {
        // [bytes] -> [bytes, signals] -> [signals, bytes]: a long and a reference swap via dup_x2 and pop.
        cb.ldc(signals).dup_x2().pop().invokevirtual(SIGNALS, "allocated", ALLOCATED);
    }

    /** {@code [] -> []}: before a call into the JDK (see {@link HostCalls}). */
    static void hostCallBegins(CodeBuilder cb, ConstantDynamicEntry signals) {
        cb.ldc(signals).invokevirtual(SIGNALS, "hostCallBegins", POLL);
    }

    /** {@code [] -> []}: after a call into the JDK; {@code cheap}: one whose allocation is small on average. */
    static void hostCallEnded(CodeBuilder cb, ConstantDynamicEntry signals, boolean cheap) {
        cb.ldc(signals).invokevirtual(SIGNALS, cheap ? "cheapHostCallEnded" : "hostCallEnded", POLL);
    }

    /** {@code [needed, have] -> []}: charges what growing from {@code have} to {@code needed} elements costs, {@code >> shift} bytes each. */
    static void allocatedBeyond(CodeBuilder cb, ConstantDynamicEntry signals, int shift) {
        // [needed, have] -> [needed, have, signals] -> [signals, needed, have, signals] -> [signals, needed, have]
        cb.ldc(signals).dup_x2().pop().loadConstant(shift).invokevirtual(SIGNALS, "allocatedBeyond", BEYOND);
    }

    /** {@code [count] -> [count]}: charges an array of {@code count} elements of {@code 1 << shift} bytes. */
    static void allocatedArray(CodeBuilder cb, ConstantDynamicEntry signals, int shift) {
        cb.ldc(signals).swap().loadConstant(shift).invokevirtual(SIGNALS, "allocatedArray", ALLOCATED_ARRAY);
    }
}
