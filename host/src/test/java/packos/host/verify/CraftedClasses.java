package packos.host.verify;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.ConstantPoolBuilder;
import java.lang.classfile.constantpool.IntegerEntry;
import java.lang.classfile.constantpool.LoadableConstantEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Program classes javac never writes, whose dynamic constants' bootstrap arguments form cycles or
 * very deep chains. The ClassFile API cannot build a cycle (an entry must exist before another can
 * name it), so a cyclic class is built with placeholder integer constants as bootstrap arguments,
 * and the BootstrapMethods attribute is then rewired to point at the dynamic constants instead.
 * Every bootstrap is one the allow-list vets ({@code ConstantBootstraps.explicitCast}, string
 * concatenation): only the shape of the graph is wrong.
 */
final class CraftedClasses {
    private static final ClassDesc PROGRAM = ClassDesc.of("packos.lib.Program");
    private static final MethodTypeDesc MAIN = MethodTypeDesc.of(CD_void, ClassDesc.of("packos.lib.Process"));
    private static final DirectMethodHandleDesc EXPLICIT_CAST = ConstantDescs.ofConstantBootstrap(
            ClassDesc.of("java.lang.invoke.ConstantBootstraps"), "explicitCast", CD_Object, ConstantDescs.CD_Class, CD_Object);
    private static final DirectMethodHandleDesc CONCAT = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC,
            ClassDesc.of("java.lang.invoke.StringConcatFactory"), "makeConcatWithConstants", MethodTypeDesc.of(ConstantDescs.CD_CallSite,
                    ConstantDescs.CD_MethodHandles_Lookup, CD_String, ConstantDescs.CD_MethodType, CD_String, CD_Object.arrayType()));
    /** Placeholder {@code k} is the integer {@code PLACEHOLDER + k}: after the build it becomes dynamic constant {@code ck}. */
    private static final int PLACEHOLDER = 0x7AC0_0000;

    private CraftedClasses() {}

    /** Dynamic constant {@code c0}, loaded by ldc, whose one bootstrap argument is {@code c0} itself. */
    static byte[] selfReferentialCondy(String name) {
        return rewired(name, (cp, code) -> code.ldc(condy(cp, 0, placeholder(cp, 0))).pop());
    }

    /** Dynamic constants {@code c0} and {@code c1}, each the other's bootstrap argument. */
    static byte[] mutualCondys(String name) {
        return rewired(name, (cp, code) -> {
            condy(cp, 1, placeholder(cp, 0));
            code.ldc(condy(cp, 0, placeholder(cp, 1))).pop();
        });
    }

    /** An invokedynamic (string concatenation) passing a chain of three dynamic constants whose last passes the first. */
    static byte[] indyOverACondyCycle(String name) {
        return rewired(name, (cp, code) -> {
            var c2 = condy(cp, 2, placeholder(cp, 0));
            var c1 = condy(cp, 1, c2);
            var c0 = condy(cp, 0, c1);
            var bsm = cp.bsmEntry(cp.methodHandleEntry(CONCAT), List.of(cp.stringEntry("\u0002"), c0));
            code.invokedynamic(cp.invokeDynamicEntry(bsm, cp.nameAndTypeEntry("concat", MethodTypeDesc.of(CD_String)))).pop();
        });
    }

    /** A chain of {@code depth} dynamic constants, each the bootstrap argument of the next, the last loaded by ldc: no cycle. */
    static byte[] deepCondyChain(String name, int depth) {
        return build(name, (cp, code) -> {
            LoadableConstantEntry below = cp.stringEntry("bottom");
            for (int k = 0; k < depth; k++) below = condy(cp, k, below);
            code.ldc(below).pop();
        });
    }

    /**
     * {@code levels} dynamic constants, each passing the one below it twice: a walk that does not
     * remember what it has seen visits the bottom 2^levels times.
     */
    static byte[] condyDiamonds(String name, int levels) {
        return build(name, (cp, code) -> {
            LoadableConstantEntry below = cp.stringEntry("bottom");
            for (int k = 0; k < levels; k++) {
                var args = List.of(cp.classEntry(CD_Object), below, below);
                var bootstrap = cp.bsmEntry(cp.methodHandleEntry(ConstantDescs.ofConstantBootstrap(
                        ClassDesc.of("java.lang.invoke.ConstantBootstraps"), "invoke", CD_Object,
                        ConstantDescs.CD_MethodHandle, CD_Object.arrayType())), args);
                below = cp.constantDynamicEntry(bootstrap, cp.nameAndTypeEntry("d" + k, CD_Object));
            }
            code.ldc(below).pop();
        });
    }

    private static MethodHandleEntry bootstrapHandle(ConstantPoolBuilder cp) { return cp.methodHandleEntry(EXPLICIT_CAST); }

    private static ConstantDynamicEntry condy(ConstantPoolBuilder cp, int k, LoadableConstantEntry arg) {
        return cp.constantDynamicEntry(cp.bsmEntry(bootstrapHandle(cp), List.of(arg)), cp.nameAndTypeEntry("c" + k, CD_Object));
    }

    /** A program class (implements Program, public no-argument constructor) whose main(Process) {@code body} writes. */
    private static byte[] build(String name, BiConsumer<ConstantPoolBuilder, CodeBuilder> body) {
        return ClassFile.of().build(ClassDesc.of(name), cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER);
            cb.withSuperclass(CD_Object);
            cb.withInterfaceSymbols(PROGRAM);
            cb.withMethodBody("<init>", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC,
                    code -> code.aload(0).invokespecial(CD_Object, "<init>", MethodTypeDesc.of(CD_void)).return_());
            cb.withMethodBody("main", MAIN, ClassFile.ACC_PUBLIC, code -> {
                body.accept(cb.constantPool(), code);
                code.return_();
            });
        });
    }

    /** {@link #build}, then every bootstrap argument that is placeholder {@code k} made to name dynamic constant {@code ck}. */
    private static byte[] rewired(String name, BiConsumer<ConstantPoolBuilder, CodeBuilder> body) {
        return rewire(build(name, body));
    }

    /** The integer constant that {@link #rewire} turns into dynamic constant {@code ck} where it is a bootstrap argument. */
    static IntegerEntry placeholder(ConstantPoolBuilder cp, int k) { return cp.intEntry(PLACEHOLDER + k); }

    /** Every bootstrap argument of {@code bytes} that is placeholder {@code k} made to name the dynamic constant called {@code ck}, in place. */
    static byte[] rewire(byte[] bytes) {
        var model = ClassFile.of().parse(bytes);
        var placeholders = new HashMap<Integer, Integer>();
        var condys = new HashMap<String, Integer>();
        for (var entry : model.constantPool()) {
            if (entry instanceof IntegerEntry i && (i.intValue() & 0xFFFF_0000) == PLACEHOLDER) placeholders.put(entry.index(), i.intValue() - PLACEHOLDER);
            if (entry instanceof ConstantDynamicEntry c) condys.putIfAbsent(c.name().stringValue(), entry.index());
        }
        var target = new HashMap<Integer, Integer>();
        placeholders.forEach((index, k) -> {
            var condy = condys.get("c" + k);
            if (condy != null) target.put(index, condy);
        });
        if (!target.isEmpty()) rewireBootstrapArguments(bytes, target);
        return bytes;
    }

    /** Rewrites, in place, each BootstrapMethods argument index found in {@code target} to its value. */
    private static void rewireBootstrapArguments(byte[] bytes, Map<Integer, Integer> target) {
        var in = ByteBuffer.wrap(bytes);
        in.position(8);
        int count = in.getShort() & 0xFFFF;
        var utf8 = new HashMap<Integer, String>();
        for (int i = 1; i < count; i++) {
            int tag = in.get();
            switch (tag) {
                case 1 -> {
                    int length = in.getShort() & 0xFFFF;
                    utf8.put(i, new String(bytes, in.position(), length, StandardCharsets.UTF_8));
                    in.position(in.position() + length);
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.position(in.position() + 4);
                case 5, 6 -> { in.position(in.position() + 8); i++; }
                case 7, 8, 16, 19, 20 -> in.position(in.position() + 2);
                case 15 -> in.position(in.position() + 3);
                default -> throw new IllegalStateException("constant tag " + tag);
            }
        }
        in.position(in.position() + 6);
        int interfaces = in.getShort() & 0xFFFF;
        in.position(in.position() + 2 * interfaces);
        for (int members = 0; members < 2; members++) {
            int n = in.getShort() & 0xFFFF;
            for (int m = 0; m < n; m++) {
                in.position(in.position() + 6);
                skipAttributes(in);
            }
        }
        int attributes = in.getShort() & 0xFFFF;
        for (int a = 0; a < attributes; a++) {
            String attribute = utf8.get(in.getShort() & 0xFFFF);
            int length = in.getInt();
            int end = in.position() + length;
            if (attribute.equals("BootstrapMethods")) {
                int methods = in.getShort() & 0xFFFF;
                for (int b = 0; b < methods; b++) {
                    in.getShort();
                    int args = in.getShort() & 0xFFFF;
                    for (int k = 0; k < args; k++) {
                        int at = in.position();
                        Integer to = target.get(in.getShort() & 0xFFFF);
                        if (to != null) in.putShort(at, (short) (int) to);
                    }
                }
            }
            in.position(end);
        }
    }

    private static void skipAttributes(ByteBuffer in) {
        int n = in.getShort() & 0xFFFF;
        for (int a = 0; a < n; a++) {
            in.getShort();
            int length = in.getInt();
            in.position(in.position() + length);
        }
    }

    /** The names of every crafted class, with their bytes: seeds for the fuzzer and cases for the tests. */
    static List<Map.Entry<String, byte[]>> all() {
        var out = new ArrayList<Map.Entry<String, byte[]>>();
        out.add(Map.entry("crafted.SelfCondy", selfReferentialCondy("crafted.SelfCondy")));
        out.add(Map.entry("crafted.MutualCondys", mutualCondys("crafted.MutualCondys")));
        out.add(Map.entry("crafted.IndyOverCycle", indyOverACondyCycle("crafted.IndyOverCycle")));
        out.add(Map.entry("crafted.DeepChain", deepCondyChain("crafted.DeepChain", 200)));
        out.add(Map.entry("crafted.Diamonds", condyDiamonds("crafted.Diamonds", 40)));
        return out;
    }
}
