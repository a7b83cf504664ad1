package packos.host.protect.instrument;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Label;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.attribute.StackMapTableAttribute;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.constant.ClassDesc;
import java.util.HashSet;
import java.util.Set;

/**
 * Rewrites one method body. Preemption points (a call to {@code Signals.poll()}) go
 * <ul>
 * <li>before every backward branch or switch (a target already seen: a loop's back-edge),</li>
 * <li>at the entry of every method, since recursion is a loop without a back-edge (a recursion
 *     tree such as {@code f(n) = f(n-1) + f(n-1)} runs for ages without ever overflowing the
 *     stack), and since JDK code that loops has no preemption point of its own: a method that
 *     calls nothing, such as the body of {@code () -> 1}, is still called for ever by
 *     {@code Stream.generate(() -> 1).forEach(x -> {})};</li>
 * <li>at the entry of every exception handler, since a handler that covers its own code is a
 *     loop with no branch at all (legal bytecode, if not something javac writes).</li>
 * </ul>
 * A static initializer ({@code <clinit>}) also tells the process's signals when it begins and
 * before each of its returns: a thread inside one cannot give its CPU up (see
 * {@code Initializers.mayWait}). A call that hands text to the JDK's regular expression engine goes
 * through {@code packos.kernel.PreemptibleRegex}, which polls as the engine reads (see
 * {@link RegexCalls}); each stream a call into the JDK returns gets a stage that polls at every
 * element (see {@link StreamCalls}); a method reference to another class's method goes through a bridge in this
 * class that polls (see {@link MethodReferenceBridges}).
 * A method other than a static initializer counts its frame against the process's
 * stack budget at entry and gives it back at each return and, through a handler of every
 * exception added around the whole body, at an exception leaving it: a program overflows its
 * stack where the count says, the same in every run, not where the JIT's frames happen to end
 * (see {@code packos.kernel.StackBudget}); a constructor, from its super() or this() call on.
 * That handler is the one inserted code that needs a
 * frame of its own: it holds no locals and the throwable.
 * Allocation charges go after each {@code new} (before it, they would split the instruction from
 * the label that frames name for its uninitialized value) and before each array creation, where
 * the count is on the stack. Nothing inserted branches or changes the stack or the live locals at a
 * label, so the method's stack map frames stay valid as they are.
 */
final class SignalPoints implements CodeTransform {
    private final Instrumenter.Points points;
    private final ClassDesc self;
    private final long selfSize;
    private final boolean pollAtEntry;
    private final boolean initializer;
    private final Set<Label> handlers = new HashSet<>();
    private final Set<Label> seen = new HashSet<>();
    /** The method's original frames, to carry over unchanged; null when the class builder makes new ones. */
    private final StackMapTableAttribute frames;
    /** Whether the class builder makes the frames afresh (a class raised from before Java 11). */
    private final boolean framesGenerated;
    /** The frame's weight against the stack budget, or 0 for a method that is not counted. */
    private final int weight;
    private Label counted;
    private final boolean constructor;
    /** In a constructor before its super() or this() call: objects made with {@code new} and not yet initialized. */
    private int pendingNews;
    private ConstantDynamicEntry signals;

    /** Where method references to other classes' methods get their bridges; null without preemption points. */
    private final MethodReferenceBridges bridges;

    SignalPoints(Instrumenter.Points points, ClassDesc self, long selfSize, boolean initializer, MethodReferenceBridges bridges,
                 CodeModel code, StackMapTableAttribute frames, boolean framesGenerated, int weight, boolean constructor) {
        this.bridges = bridges;
        this.points = points;
        this.frames = frames;
        this.framesGenerated = framesGenerated;
        // A constructor is counted from its call of super() or this() on, when there is exactly one:
        // before it `this` is no object yet, and a handler may not cover that code.
        this.constructor = constructor;
        this.weight = points.preemption() && (!constructor || objectInitializations(code) == 1) ? weight : 0;
        this.self = self;
        this.selfSize = selfSize;
        this.pollAtEntry = points.preemption();
        this.initializer = initializer && points.preemption();
        if (points.preemption()) for (ExceptionCatch c : code.exceptionHandlers()) handlers.add(c.handler());
    }

    @Override
    public void atStart(CodeBuilder cb) {
        signals = KernelSignals.entry(cb);
        if (initializer) KernelSignals.enterInitializer(cb, signals);
        if (pollAtEntry) KernelSignals.poll(cb, signals);
        if (weight > 0 && !constructor) enterCounted(cb);
    }

    private void enterCounted(CodeBuilder cb) {
        KernelSignals.enter(cb, signals, weight);
        counted = cb.newBoundLabel();
    }

    /**
     * How many {@code invokespecial <init>} calls of a constructor initialize {@code this} (its
     * super() or this() call) rather than an object made with {@code new}, in code order: javac
     * writes one. A count other than one (a crafted constructor initializing on two branches), or
     * a handler reaching back before that call, is -1 or more than one, and the instrumenter
     * refuses the class: such a constructor could not be counted, and recursion through it would
     * overflow where the JIT's frames end.
     */
    static int objectInitializations(CodeModel code) {
        int news = 0;
        int own = 0;
        var before = new HashSet<Label>();
        for (var e : code) {
            if (e instanceof LabelTarget t && own == 0) {
                before.add(t.label());
            } else if (e instanceof NewObjectInstruction) {
                news++;
            } else if (e instanceof InvokeInstruction i && i.opcode() == java.lang.classfile.Opcode.INVOKESPECIAL
                    && i.name().equalsString("<init>")) {
                if (news > 0) news--;
                else own++;
            }
        }
        // A handler that covers or begins before that call (never javac's) could leave or resume a count not yet made.
        for (ExceptionCatch c : code.exceptionHandlers()) {
            if (before.contains(c.tryStart()) || before.contains(c.handler())) return -1;
        }
        return own;
    }

    @Override
    public void atEnd(CodeBuilder cb) {
        Label handler = null;
        if (weight > 0 && counted != null) {
            // The original code never falls off its end, so this is reached only by an exception.
            Label end = cb.newBoundLabel();
            handler = cb.newBoundLabel();
            KernelSignals.leave(cb, signals);
            cb.athrow();
            cb.exceptionCatchAll(counted, end, handler);
        }
        if (framesGenerated) return;
        // Frames name labels, not offsets: written out again they point past the inserted code.
        var entries = new java.util.ArrayList<StackMapFrameInfo>(frames == null ? java.util.List.of() : frames.entries());
        if (handler != null) {
            entries.add(StackMapFrameInfo.of(handler, java.util.List.of(),
                    java.util.List.of(StackMapFrameInfo.ObjectVerificationTypeInfo.of(ClassDesc.of("java.lang.Throwable")))));
        }
        if (!entries.isEmpty()) cb.with(StackMapTableAttribute.of(entries));
    }

    @Override
    public void accept(CodeBuilder cb, CodeElement e) {
        if (weight > 0 && constructor && counted == null) {
            if (e instanceof NewObjectInstruction) {
                pendingNews++;
            } else if (e instanceof InvokeInstruction i && i.opcode() == java.lang.classfile.Opcode.INVOKESPECIAL
                    && i.name().equalsString("<init>")) {
                if (pendingNews > 0) {
                    pendingNews--;
                } else {
                    place(cb, e);
                    enterCounted(cb);
                    return;
                }
            }
        }
        place(cb, e);
    }

    private void place(CodeBuilder cb, CodeElement e) {
        switch (e) {
            case LabelTarget t -> {
                seen.add(t.label());
                cb.with(e);
                if (handlers.contains(t.label())) {
                    if (weight > 0 && counted != null) KernelSignals.resume(cb, signals, weight);
                    KernelSignals.poll(cb, signals);
                }
            }
            case BranchInstruction b -> {
                if (points.preemption() && seen.contains(b.target())) KernelSignals.poll(cb, signals);
                cb.with(e);
            }
            case TableSwitchInstruction s -> {
                if (points.preemption() && (seen.contains(s.defaultTarget()) || anySeen(s.cases()))) KernelSignals.poll(cb, signals);
                cb.with(e);
            }
            case LookupSwitchInstruction s -> {
                if (points.preemption() && (seen.contains(s.defaultTarget()) || anySeen(s.cases()))) KernelSignals.poll(cb, signals);
                cb.with(e);
            }
            case ReturnInstruction r when initializer -> {
                KernelSignals.leaveInitializer(cb, signals);
                cb.with(e);
            }
            case ReturnInstruction r when weight > 0 && counted != null -> {
                KernelSignals.leave(cb, signals);
                cb.with(e);
            }
            case InvokeInstruction i when points.preemption() && RegexCalls.redirects(i) -> RegexCalls.redirect(cb, i);
            case InvokeInstruction i when points.preemption() && StreamCalls.returnsStream(i) -> {
                if (points.heap()) HostCalls.around(cb, signals, i);
                else cb.with(i);
                StreamCalls.polled(cb, signals, i);
            }
            case InvokeDynamicInstruction d when points.preemption() && RegexCalls.redirectHandles(d) != null ->
                    cb.invokedynamic(RegexCalls.redirectHandles(d));
            case InvokeDynamicInstruction d when bridges != null && bridges.bridge(d) != null -> cb.invokedynamic(bridges.bridge(d));
            case NewObjectInstruction n -> {
                cb.with(e);
                if (points.heap()) {
                    long size = n.className().asSymbol().equals(self) ? selfSize : HeapCharge.UNKNOWN_OBJECT;
                    KernelSignals.allocated(cb, signals, size);
                }
            }
            case NewPrimitiveArrayInstruction a -> {
                if (points.heap()) KernelSignals.allocatedArray(cb, signals, HeapCharge.shift(a.typeKind()));
                cb.with(e);
            }
            case NewReferenceArrayInstruction a -> {
                if (points.heap()) KernelSignals.allocatedArray(cb, signals, HeapCharge.shift(java.lang.classfile.TypeKind.REFERENCE));
                cb.with(e);
            }
            case NewMultiArrayInstruction a -> {
                if (points.heap()) HeapCharge.multiArray(cb, signals, a.arrayType().asSymbol(), a.dimensions());
                cb.with(e);
            }
            // Calls into the JDK are metered by HostCalls: what they allocate is not the program's own code.
            case InvokeInstruction i when points.heap() -> HostCalls.around(cb, signals, i);
            case InvokeDynamicInstruction i when points.heap() -> HostCalls.around(cb, signals, i);
            default -> cb.with(e);
        }
    }

    private boolean anySeen(java.util.List<SwitchCase> cases) {
        for (SwitchCase c : cases) if (seen.contains(c.target())) return true;
        return false;
    }
}
