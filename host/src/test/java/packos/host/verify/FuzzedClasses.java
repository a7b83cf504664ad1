package packos.host.verify;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_void;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.constantpool.ConstantPoolBuilder;
import java.lang.classfile.constantpool.LoadableConstantEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.List;

/**
 * Class files made from a fuzzer's choices through the ClassFile API, so that the fuzzer reaches
 * the verifier's deep code (bootstraps, dynamic-constant graphs with cycles, supertype chains,
 * inherited members) instead of stopping at the parser: odd flags and versions, supertypes and
 * members named from lists of allowed, refused, host and program classes, stack-neutral statements
 * of every kind the verifier looks at, and at the end a few bytes overwritten.
 */
final class FuzzedClasses {
    static final String[] PROGRAM = {"fuzz.Target", "fuzz.Base", "fuzz.Other"};
    private static final String[] TYPES = {"java.lang.Object", "java.lang.Thread", "java.lang.String", "java.lang.ClassLoader",
            "java.lang.Runnable", "java.util.ArrayList", "java.lang.System", "java.lang.Runtime", "java.lang.invoke.MethodHandles",
            "java.lang.Thread$Builder", "java.util.concurrent.Executors", "java.io.Serializable", "java.lang.Record",
            "packos.lib.Program", "packos.lib.Process", "packos.kernel.Signals", "packos.kernel.Kernel", "packos.host.Boot",
            "java.lang.Enum", "java.lang.Throwable", "java.lang.Exception", "java.lang.ref.Cleaner", "sun.misc.Unsafe",
            "fuzz.Target", "fuzz.Base", "fuzz.Other", "fuzz.Missing", "java.lang.Thread$$$$Inner"};
    private static final String[] NAMES = {"<init>", "<clinit>", "sleep", "run", "start", "currentTimeMillis", "wait", "notify", "hashCode",
            "exit", "forName", "main", "poll", "x", "intern", "out", "getStaticFinal", "finalize", "clone", "toString"};
    private static final MethodTypeDesc[] DESCS = {MethodTypeDesc.of(CD_void), MethodTypeDesc.of(CD_Object),
            MethodTypeDesc.ofDescriptor("(J)V"), MethodTypeDesc.ofDescriptor("()J"), MethodTypeDesc.ofDescriptor("(Lfuzz/Base;)Lfuzz/Other;"),
            MethodTypeDesc.ofDescriptor("(Ljava/lang/Thread;)V"), MethodTypeDesc.ofDescriptor("(Lpackos/lib/Process;)V")};
    private static final ClassDesc BOOTSTRAPS_OWNER = ClassDesc.of("java.lang.invoke.ConstantBootstraps");
    private static final String[][] BOOTSTRAPS = {{"java.lang.invoke.ConstantBootstraps", "explicitCast"},
            {"java.lang.invoke.ConstantBootstraps", "invoke"}, {"java.lang.invoke.ConstantBootstraps", "getStaticFinal"},
            {"java.lang.invoke.StringConcatFactory", "makeConcatWithConstants"}, {"java.lang.invoke.LambdaMetafactory", "metafactory"},
            {"java.lang.runtime.SwitchBootstraps", "typeSwitch"}, {"fuzz.Target", "bsm"}, {"java.lang.invoke.ConstantBootstraps", "nullConstant"}};

    private FuzzedClasses() {}

    /** A class called {@code name} as the fuzzer chooses, or null if the ClassFile API will not build what it chose. */
    static byte[] build(FuzzedDataProvider d, String name) {
        byte[] bytes;
        try {
            bytes = ClassFile.of().build(ClassDesc.of(name), cb -> {
                cb.withVersion(d.pickValue(new int[] {45, 49, 50, 52, 55, 61, 65, 69}), 0);
                cb.withFlags(d.consumeBoolean() ? ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER : d.consumeInt(0, 0xFFFF) & ~ClassFile.ACC_MODULE);
                if (d.consumeInt(0, 7) != 0) cb.withSuperclass(type(d));
                for (int i = d.consumeInt(0, 2); i > 0; i--) cb.withInterfaceSymbols(type(d));
                for (int i = d.consumeInt(0, 2); i > 0; i--) {
                    cb.withField(d.pickValue(NAMES).replace("<", "").replace(">", ""), type(d), d.consumeInt(0, 0xFF));
                }
                for (int i = d.consumeInt(1, 3); i > 0; i--) {
                    String method = d.pickValue(NAMES);
                    var desc = method.equals("<clinit>") ? MethodTypeDesc.of(CD_void) : d.pickValue(DESCS);
                    int flags = d.consumeBoolean() ? ClassFile.ACC_PUBLIC | (method.equals("<clinit>") ? ClassFile.ACC_STATIC : 0)
                            : d.consumeInt(0, 0xFFF);
                    if ((flags & (ClassFile.ACC_ABSTRACT | ClassFile.ACC_NATIVE)) != 0) {
                        cb.withMethod(method, desc, flags, mb -> { });
                    } else {
                        cb.withMethodBody(method, desc, flags, code -> body(d, cb.constantPool(), code, desc));
                    }
                }
            });
            bytes = CraftedClasses.rewire(bytes);
        } catch (RuntimeException e) {
            // The fuzzer chose something the builder refuses (a flag combination, a frame it cannot compute).
            return null;
        }
        // A few bytes overwritten: damage deep inside a structure the parser would otherwise always see whole.
        for (int i = d.consumeInt(0, 3); i > 0 && bytes.length > 10; i--) bytes[d.consumeInt(10, bytes.length - 1)] = d.consumeByte();
        return bytes;
    }

    private static ClassDesc type(FuzzedDataProvider d) { return ClassDesc.of(d.pickValue(TYPES)); }

    /** Stack-neutral statements, so that the code stays valid where the fuzzer does not damage it; then a return. */
    private static void body(FuzzedDataProvider d, ConstantPoolBuilder cp, CodeBuilder code, MethodTypeDesc desc) {
        var condys = condyGraph(d, cp);
        var top = code.newLabel();
        var end = code.newLabel();
        code.labelBinding(top);
        for (int n = d.consumeInt(0, 12); n > 0; n--) {
            switch (d.consumeInt(0, 13)) {
                case 0 -> {
                    var owner = type(d);
                    var type = d.pickValue(DESCS);
                    var opcode = d.pickValue(new Opcode[] {Opcode.INVOKESTATIC, Opcode.INVOKEVIRTUAL, Opcode.INVOKEINTERFACE, Opcode.INVOKESPECIAL});
                    boolean receiver = opcode != Opcode.INVOKESTATIC;
                    if (receiver) code.aconst_null();
                    for (var p : type.parameterList()) pushDefault(code, p);
                    code.invoke(opcode, owner, d.pickValue(NAMES), type, opcode == Opcode.INVOKEINTERFACE);
                    popReturn(code, type.returnType());
                }
                case 1 -> {
                    var t = type(d);
                    code.new_(t).dup().invokespecial(t, "<init>", MethodTypeDesc.of(CD_void)).pop();
                }
                case 2 -> code.aconst_null().checkcast(type(d)).pop();
                case 3 -> code.aconst_null().instanceOf(type(d)).pop();
                case 4 -> code.iconst_1().anewarray(type(d)).pop();
                case 5 -> code.iconst_1().iconst_1().multianewarray(type(d).arrayType(2), 2).pop();
                case 6 -> code.getstatic(type(d), d.pickValue(NAMES), CD_Object).pop();
                case 7 -> code.aconst_null().putstatic(type(d), d.pickValue(NAMES), CD_Object);
                case 8 -> code.ldc(type(d)).pop();
                case 9 -> {
                    if (!condys.isEmpty()) code.ldc(condys.get(d.consumeInt(0, condys.size() - 1))).pop();
                }
                case 10 -> {
                    var bsm = cp.bsmEntry(cp.methodHandleEntry(bootstrap(d)), arguments(d, cp, condys));
                    code.invokedynamic(cp.invokeDynamicEntry(bsm, cp.nameAndTypeEntry(d.pickValue(NAMES), MethodTypeDesc.of(CD_void))));
                }
                case 11 -> code.aconst_null().dup().monitorenter().monitorexit();
                case 12 -> code.iconst_0().ifThen(Opcode.IFNE, then -> then.iconst_1().newarray(TypeKind.INT).pop());
                default -> code.ldc(cp.methodHandleEntry(MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, type(d),
                        d.pickValue(NAMES), d.pickValue(DESCS)))).pop();
            }
        }
        if (d.consumeBoolean()) code.iconst_0().ifne(top);
        code.nop();
        code.labelBinding(end);
        if (d.consumeBoolean()) {
            var handler = code.newLabel();
            var after = code.newLabel();
            code.goto_(after);
            code.labelBinding(handler);
            code.pop();
            code.labelBinding(after);
            code.exceptionCatch(top, end, handler, type(d));
        }
        var ret = desc.returnType();
        if (ret.equals(CD_void)) code.return_();
        else {
            pushDefault(code, ret);
            code.return_(TypeKind.from(ret));
        }
    }

    /** Up to six dynamic constants c0..c5 whose arguments may name each other in any shape: cycles, chains, diamonds. */
    private static List<LoadableConstantEntry> condyGraph(FuzzedDataProvider d, ConstantPoolBuilder cp) {
        var out = new ArrayList<LoadableConstantEntry>();
        for (int k = 0, n = d.consumeInt(0, 6); k < n; k++) {
            var bsm = cp.bsmEntry(cp.methodHandleEntry(bootstrap(d)), arguments(d, cp, out));
            out.add(cp.constantDynamicEntry(bsm, cp.nameAndTypeEntry("c" + k, d.consumeBoolean() ? CD_Object : type(d))));
        }
        return out;
    }

    private static List<LoadableConstantEntry> arguments(FuzzedDataProvider d, ConstantPoolBuilder cp, List<LoadableConstantEntry> condys) {
        var args = new ArrayList<LoadableConstantEntry>();
        for (int i = d.consumeInt(0, 3); i > 0; i--) {
            switch (d.consumeInt(0, 5)) {
                case 0 -> args.add(cp.stringEntry("\u0001"));
                case 1 -> args.add(cp.classEntry(type(d)));
                case 2 -> args.add(CraftedClasses.placeholder(cp, d.consumeInt(0, 5)));
                case 3 -> {
                    if (!condys.isEmpty()) args.add(condys.get(d.consumeInt(0, condys.size() - 1)));
                }
                case 4 -> args.add(cp.methodTypeEntry(d.pickValue(DESCS)));
                default -> args.add(cp.methodHandleEntry(MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, type(d),
                        d.pickValue(NAMES), d.pickValue(DESCS))));
            }
        }
        return args;
    }

    private static DirectMethodHandleDesc bootstrap(FuzzedDataProvider d) {
        var b = d.pickValue(BOOTSTRAPS);
        return MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, ClassDesc.of(b[0]), b[1],
                MethodTypeDesc.of(CD_Object, BOOTSTRAPS_OWNER.equals(ClassDesc.of(b[0])) ? List.of() : List.of(CD_Object)));
    }

    private static void pushDefault(CodeBuilder code, ClassDesc type) {
        switch (TypeKind.from(type)) {
            case LONG -> code.lconst_0();
            case DOUBLE -> code.dconst_0();
            case FLOAT -> code.fconst_0();
            case REFERENCE -> code.aconst_null();
            case VOID -> { }
            default -> code.iconst_0();
        }
    }

    private static void popReturn(CodeBuilder code, ClassDesc type) {
        if (type == null || type.equals(CD_void)) return;
        if (TypeKind.from(type).slotSize() == 2) code.pop2();
        else code.pop();
    }
}
