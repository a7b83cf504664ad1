package packos.host.protect.instrument;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A method reference to a method of another class ({@code Math::abs}, {@code String::length})
 * makes a lambda whose body is that method: no program code runs when the JDK calls it, so
 * {@code IntStream.iterate(1, Math::abs).forEach(Math::abs)} loops for ever with no preemption
 * point. Each such reference in a class is sent through a small bridge method added to the class,
 * which polls and makes the call, as javac's own lambdas are: the lambda then runs program code
 * at every call. Bridges are private, static and synthetic, one per distinct target.
 */
final class MethodReferenceBridges {
    private static final ClassDesc LAMBDA_METAFACTORY = ClassDesc.of("java.lang.invoke.LambdaMetafactory");
    private final ClassDesc self;
    /** A bridge in an interface is an interface's static method, and its handle must say so. */
    private final DirectMethodHandleDesc.Kind bridgeKind;
    private final Map<DirectMethodHandleDesc, String> bridges = new LinkedHashMap<>();

    MethodReferenceBridges(ClassDesc self, boolean isInterface) {
        this.self = self;
        this.bridgeKind = isInterface ? DirectMethodHandleDesc.Kind.INTERFACE_STATIC : DirectMethodHandleDesc.Kind.STATIC;
    }

    /** The call site with its implementation method bridged, or null when it needs no bridge. */
    DynamicCallSiteDesc bridge(InvokeDynamicInstruction i) {
        var bsm = i.bootstrapMethod();
        if (!bsm.owner().equals(LAMBDA_METAFACTORY) || i.bootstrapArgs().size() < 3) return null;
        if (!(i.bootstrapArgs().get(1) instanceof DirectMethodHandleDesc target) || target.owner().equals(self)) return null;
        switch (target.kind()) {
            case STATIC, INTERFACE_STATIC, VIRTUAL, INTERFACE_VIRTUAL, CONSTRUCTOR -> { }
            default -> { return null; } // special calls need the caller's own this: javac writes a lambda for them
        }
        String name = bridges.computeIfAbsent(target, t -> "packos$bridge$" + bridges.size());
        var args = new ArrayList<ConstantDesc>(i.bootstrapArgs());
        args.set(1, MethodHandleDesc.ofMethod(bridgeKind, self, name, target.invocationType()));
        return DynamicCallSiteDesc.of(bsm, i.name().stringValue(), i.typeSymbol(), args.toArray(ConstantDesc[]::new));
    }

    /** Adds the bridges the class's call sites asked for. */
    void addTo(ClassBuilder clb) {
        for (var e : bridges.entrySet()) {
            var target = e.getKey();
            MethodTypeDesc type = target.invocationType();
            clb.withMethodBody(e.getValue(), type, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC | ClassFile.ACC_SYNTHETIC,
                    cb -> body(cb, target, type));
        }
    }

    private static void body(CodeBuilder cb, DirectMethodHandleDesc target, MethodTypeDesc type) {
        KernelSignals.poll(cb, KernelSignals.entry(cb));
        if (target.kind() == DirectMethodHandleDesc.Kind.CONSTRUCTOR) cb.new_(target.owner()).dup();
        int slot = 0;
        for (var p : type.parameterList()) {
            var kind = TypeKind.from(p);
            cb.loadLocal(kind, slot);
            slot += kind.slotSize();
        }
        var descriptor = MethodTypeDesc.ofDescriptor(target.lookupDescriptor());
        switch (target.kind()) {
            case STATIC -> cb.invokestatic(target.owner(), target.methodName(), descriptor, false);
            case INTERFACE_STATIC -> cb.invokestatic(target.owner(), target.methodName(), descriptor, true);
            case VIRTUAL -> cb.invokevirtual(target.owner(), target.methodName(), descriptor);
            case INTERFACE_VIRTUAL -> cb.invokeinterface(target.owner(), target.methodName(), descriptor);
            case CONSTRUCTOR -> cb.invokespecial(target.owner(), "<init>", descriptor);
            default -> throw new IllegalStateException(target.kind().toString());
        }
        cb.return_(TypeKind.from(type.returnType()));
    }
}
