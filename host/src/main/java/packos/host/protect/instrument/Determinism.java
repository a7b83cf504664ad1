package packos.host.protect.instrument;

import static java.lang.constant.ConstantDescs.CD_Class;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites what in a program's code would make its output depend on the JVM run rather than on
 * its input: iteration orders and identity hash codes.
 * <ul>
 * <li>Hash-ordered collections become insertion-ordered: {@code new HashMap}/{@code HashSet} (and
 *     a program class extending one, and {@code HashMap::new} given to a stream) make a {@code
 *     LinkedHashMap}/{@code LinkedHashSet}; {@code Set.of}, {@code Map.of}, their {@code copyOf}s
 *     and the hash-gathering {@code Collectors} go to {@code packos.lib.ordered}. An enum's or a
 *     plain object's hash code is an identity hash, drawn from state seeded differently in every
 *     JVM run, and the JDK's unmodifiable sets and maps are salted by the host clock.</li>
 * <li>Identity hashes a program could see become its process's deterministic numbers ({@code
 *     packos.kernel.Identities}): calls to {@code hashCode()} and {@code toString()}, {@code
 *     String.valueOf(Object)}, {@code StringBuilder.append(Object)}, {@code Objects.hashCode},
 *     {@code Objects.hash}, {@code Arrays.hashCode(Object[])}, and string concatenation; a
 *     record's {@code hashCode} and {@code toString} hash and write its components the same way
 *     ({@code Identities.objectMethods}); and a program class that declares no {@code hashCode}
 *     gets one (see {@link #addHashCode}), for the JDK code that calls it: hash tables, a
 *     collection's own {@code hashCode} and {@code toString}, {@code Object.toString}.</li>
 * <li>Where the JDK would ask an object for its identity hash or text on the program's behalf,
 *     the question goes to {@code Identities} too: {@code Arrays.toString}, {@code deepToString}
 *     and {@code deepHashCode}, {@code Objects.toString(o, fallback)} and {@code toIdentityString},
 *     {@code print(Object)} of a print stream or writer, {@code StringBuilder.insert}, {@code
 *     AssertionError(Object)}, the arguments of {@code String.format}, {@code formatted},
 *     {@code printf} and {@code MessageFormat}, {@code Class} names (a lambda's hidden class is named after an address),
 *     the text and message of exceptions (the JVM's name a class loader with its identity hash),
 *     and method references such as {@code Object::toString} or {@code List::hashCode}, which
 *     the JDK calls where no rewrite reaches.</li>
 * </ul>
 * Every replacement leaves the same types on the stack, or subtypes of them, so the method's
 * stack map frames stay valid as they are.
 */
final class Determinism implements CodeTransform {
    private static final ClassDesc HASH_MAP = ClassDesc.of("java.util.HashMap");
    private static final ClassDesc HASH_SET = ClassDesc.of("java.util.HashSet");
    private static final ClassDesc LINKED_HASH_MAP = ClassDesc.of("java.util.LinkedHashMap");
    private static final ClassDesc LINKED_HASH_SET = ClassDesc.of("java.util.LinkedHashSet");
    /** Classes whose instances iterate in hash order, and the insertion-ordered subclass that takes their place. */
    static final Map<ClassDesc, ClassDesc> ORDERED = Map.of(HASH_MAP, LINKED_HASH_MAP, HASH_SET, LINKED_HASH_SET);
    private static final ClassDesc SET = ClassDesc.of("java.util.Set");
    private static final ClassDesc MAP = ClassDesc.of("java.util.Map");
    private static final ClassDesc COLLECTORS = ClassDesc.of("java.util.stream.Collectors");
    private static final ClassDesc OBJECTS = ClassDesc.of("java.util.Objects");
    private static final ClassDesc ARRAYS = ClassDesc.of("java.util.Arrays");
    private static final ClassDesc OBJECT = CD_Object;
    private static final ClassDesc ENUM = ClassDesc.of("java.lang.Enum");
    private static final ClassDesc SYSTEM = ClassDesc.of("java.lang.System");
    private static final ClassDesc STRING_BUILDER = ClassDesc.of("java.lang.StringBuilder");
    private static final ClassDesc STRING_BUFFER = ClassDesc.of("java.lang.StringBuffer");
    private static final ClassDesc CONCAT_FACTORY = ClassDesc.of("java.lang.invoke.StringConcatFactory");
    private static final ClassDesc OBJECT_METHODS = ClassDesc.of("java.lang.runtime.ObjectMethods");
    private static final ClassDesc LOCALE = ClassDesc.of("java.util.Locale");
    private static final ClassDesc MESSAGE_FORMAT = ClassDesc.of("java.text.MessageFormat");
    private static final ClassDesc FORMAT = ClassDesc.of("java.text.Format");
    private static final ClassDesc PRINT_STREAM = ClassDesc.of("java.io.PrintStream");
    private static final ClassDesc PRINT_WRITER = ClassDesc.of("java.io.PrintWriter");
    private static final ClassDesc ASSERTION_ERROR = ClassDesc.of("java.lang.AssertionError");
    /** {@code Class} getters of names and texts, which a hidden class's address-like suffix reaches, and their stand-ins. */
    private static final Map<String, String> CLASS_NAMES = Map.of("getName", "nameOf", "getTypeName", "typeNameOf",
            "getSimpleName", "simpleNameOf", "toGenericString", "genericTextOf", "descriptorString", "descriptorOf");
    /** Static factories redirected to an insertion-ordered twin with the same name and descriptor. */
    private static final Map<ClassDesc, ClassDesc> FACTORY_TWINS = Map.of(
            SET, ClassDesc.of("packos.lib.ordered.OrderedSets"),
            MAP, ClassDesc.of("packos.lib.ordered.OrderedMaps"),
            COLLECTORS, ClassDesc.of("packos.lib.ordered.OrderedCollectors"));
    private static final Set<String> SET_FACTORIES = Set.of("of", "copyOf");
    private static final Set<String> MAP_FACTORIES = Set.of("of", "ofEntries", "copyOf");
    /** The collectors gathering into hash sets and maps, by name and descriptor: their twins take the same arguments. */
    private static final Set<String> HASH_COLLECTORS = Set.of(
            "toSet()Ljava/util/stream/Collector;",
            "toMap(Ljava/util/function/Function;Ljava/util/function/Function;)Ljava/util/stream/Collector;",
            "toMap(Ljava/util/function/Function;Ljava/util/function/Function;Ljava/util/function/BinaryOperator;)Ljava/util/stream/Collector;",
            "groupingBy(Ljava/util/function/Function;)Ljava/util/stream/Collector;",
            "groupingBy(Ljava/util/function/Function;Ljava/util/stream/Collector;)Ljava/util/stream/Collector;",
            "toUnmodifiableSet()Ljava/util/stream/Collector;",
            "toUnmodifiableMap(Ljava/util/function/Function;Ljava/util/function/Function;)Ljava/util/stream/Collector;",
            "toUnmodifiableMap(Ljava/util/function/Function;Ljava/util/function/Function;Ljava/util/function/BinaryOperator;)Ljava/util/stream/Collector;");

    static final ClassDesc IDENTITIES = ClassDesc.of("packos.kernel.Identities");
    private static final DynamicConstantDesc<Object> CONSTANT = DynamicConstantDesc.ofNamed(
            MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, IDENTITIES, "bootstrap",
                    MethodTypeDesc.of(IDENTITIES, ClassDesc.of("java.lang.invoke.MethodHandles$Lookup"), CD_String, CD_Class)),
            "identities", IDENTITIES);
    private static final MethodTypeDesc OBJECT_TO_INT = MethodTypeDesc.of(CD_int, CD_Object);
    private static final MethodTypeDesc OBJECT_TO_STRING = MethodTypeDesc.of(CD_String, CD_Object);
    private static final MethodTypeDesc ARRAY_TO_INT = MethodTypeDesc.of(CD_int, CD_Object.arrayType());
    private static final MethodTypeDesc NO_ARGS_INT = MethodTypeDesc.of(CD_int);
    private static final MethodTypeDesc NO_ARGS_STRING = MethodTypeDesc.of(CD_String);
    private static final MethodTypeDesc ARRAY_TO_STRING = MethodTypeDesc.of(CD_String, CD_Object.arrayType());
    private static final MethodTypeDesc ARRAY_TO_ARRAY = MethodTypeDesc.of(CD_Object.arrayType(), CD_Object.arrayType());
    private static final MethodTypeDesc CLASS_TO_STRING = MethodTypeDesc.of(CD_String, CD_Class);
    private static final MethodTypeDesc OBJECT_TO_VOID = MethodTypeDesc.of(java.lang.constant.ConstantDescs.CD_void, CD_Object);

    private ConstantDynamicEntry identities;

    @Override
    public void atStart(CodeBuilder cb) { identities = cb.constantPool().constantDynamicEntry(CONSTANT); }

    @Override
    public void accept(CodeBuilder cb, CodeElement e) {
        switch (e) {
            case NewObjectInstruction n when ORDERED.containsKey(n.className().asSymbol()) -> cb.new_(ORDERED.get(n.className().asSymbol()));
            case InvokeInstruction i -> invoke(cb, i);
            case InvokeDynamicInstruction indy -> cb.invokedynamic(callSite(indy));
            default -> cb.with(e);
        }
    }

    private void invoke(CodeBuilder cb, InvokeInstruction i) {
        ClassDesc owner = i.owner().asSymbol();
        String name = i.name().stringValue();
        MethodTypeDesc type = i.typeSymbol();
        Opcode op = i.opcode();
        if (op == Opcode.INVOKESPECIAL && name.equals("<init>") && ORDERED.containsKey(owner)) {
            cb.invokespecial(ORDERED.get(owner), name, type);
        } else if (op == Opcode.INVOKESTATIC && owner.equals(HASH_MAP) && name.equals("newHashMap")) {
            cb.invokestatic(LINKED_HASH_MAP, "newLinkedHashMap", MethodTypeDesc.of(LINKED_HASH_MAP, CD_int));
        } else if (op == Opcode.INVOKESTATIC && owner.equals(HASH_SET) && name.equals("newHashSet")) {
            cb.invokestatic(LINKED_HASH_SET, "newLinkedHashSet", MethodTypeDesc.of(LINKED_HASH_SET, CD_int));
        } else if (op == Opcode.INVOKESTATIC && isOrderedFactory(owner, name, type)) {
            cb.invokestatic(FACTORY_TWINS.get(owner), name, type, false);
        } else if (op != Opcode.INVOKESTATIC && op != Opcode.INVOKESPECIAL && name.equals("hashCode") && type.equals(NO_ARGS_INT)) {
            identities(cb, "hashCodeOf", OBJECT_TO_INT);
        } else if (op != Opcode.INVOKESTATIC && op != Opcode.INVOKESPECIAL && name.equals("toString") && type.equals(NO_ARGS_STRING)) {
            identities(cb, "toStringOf", OBJECT_TO_STRING);
        } else if (op == Opcode.INVOKESPECIAL && (owner.equals(OBJECT) || owner.equals(ENUM)) && name.equals("hashCode") && type.equals(NO_ARGS_INT)) {
            identities(cb, "identityOf", OBJECT_TO_INT);
        } else if (op == Opcode.INVOKESPECIAL && owner.equals(OBJECT) && name.equals("toString") && type.equals(NO_ARGS_STRING)) {
            identities(cb, "identityString", OBJECT_TO_STRING);
        } else if (op == Opcode.INVOKESTATIC && owner.equals(SYSTEM) && name.equals("identityHashCode")) {
            identities(cb, "identityOf", OBJECT_TO_INT);
        } else if (op == Opcode.INVOKESTATIC && owner.equals(CD_String) && name.equals("valueOf") && type.equals(OBJECT_TO_STRING)) {
            identities(cb, "valueOf", OBJECT_TO_STRING);
        } else if (op == Opcode.INVOKESTATIC && owner.equals(OBJECTS) && name.equals("toString") && type.equals(OBJECT_TO_STRING)) {
            identities(cb, "valueOf", OBJECT_TO_STRING);
        } else if (op == Opcode.INVOKESTATIC && owner.equals(OBJECTS) && name.equals("hashCode") && type.equals(OBJECT_TO_INT)) {
            identities(cb, "hashCodeOrZero", OBJECT_TO_INT);
        } else if (op == Opcode.INVOKESTATIC && (owner.equals(OBJECTS) && name.equals("hash") || owner.equals(ARRAYS) && name.equals("hashCode"))
                && type.equals(ARRAY_TO_INT)) {
            identities(cb, "hashOf", ARRAY_TO_INT);
        } else if (op == Opcode.INVOKEVIRTUAL && (owner.equals(STRING_BUILDER) || owner.equals(STRING_BUFFER)) && name.equals("append")
                && type.equals(MethodTypeDesc.of(owner, CD_Object))) {
            identities(cb, "valueOf", OBJECT_TO_STRING);
            cb.invokevirtual(owner, "append", MethodTypeDesc.of(owner, CD_String));
        } else if (op == Opcode.INVOKEVIRTUAL && (owner.equals(STRING_BUILDER) || owner.equals(STRING_BUFFER)) && name.equals("insert")
                && type.equals(MethodTypeDesc.of(owner, CD_int, CD_Object))) {
            identities(cb, "valueOf", OBJECT_TO_STRING);
            cb.invokevirtual(owner, "insert", MethodTypeDesc.of(owner, CD_int, CD_String));
        } else if (op == Opcode.INVOKEVIRTUAL && (owner.equals(PRINT_STREAM) || owner.equals(PRINT_WRITER))
                && (name.equals("print") || name.equals("println")) && type.equals(OBJECT_TO_VOID)) {
            identities(cb, "valueOf", OBJECT_TO_STRING);
            cb.invokevirtual(owner, name, MethodTypeDesc.of(java.lang.constant.ConstantDescs.CD_void, CD_String));
        } else if (op == Opcode.INVOKESPECIAL && owner.equals(ASSERTION_ERROR) && name.equals("<init>") && type.equals(OBJECT_TO_VOID)) {
            // AssertionError(Object) takes the text of its detail, and a String is an Object.
            identities(cb, "valueOf", OBJECT_TO_STRING);
            cb.with(i);
        } else if (op == Opcode.INVOKEVIRTUAL && owner.equals(CD_Class) && CLASS_NAMES.containsKey(name) && type.equals(NO_ARGS_STRING)) {
            identities(cb, CLASS_NAMES.get(name), CLASS_TO_STRING);
        } else if (op == Opcode.INVOKESTATIC && owner.equals(ARRAYS) && type.equals(ARRAY_TO_STRING)
                && (name.equals("toString") || name.equals("deepToString"))) {
            identities(cb, name.equals("toString") ? "arrayText" : "deepText", ARRAY_TO_STRING);
        } else if (op == Opcode.INVOKESTATIC && owner.equals(ARRAYS) && name.equals("deepHashCode") && type.equals(ARRAY_TO_INT)) {
            identities(cb, "deepHash", ARRAY_TO_INT);
        } else if (op == Opcode.INVOKESTATIC && owner.equals(OBJECTS) && name.equals("toIdentityString") && type.equals(OBJECT_TO_STRING)) {
            identities(cb, "identityString", OBJECT_TO_STRING);
        } else if (op == Opcode.INVOKESTATIC && owner.equals(OBJECTS) && name.equals("toString")
                && type.equals(MethodTypeDesc.of(CD_String, CD_Object, CD_String))) {
            // [o, fallback] -> [identities, o, fallback]
            cb.ldc(identities).dup_x2().pop().invokevirtual(IDENTITIES, "valueOrElse", type);
        } else if (op != Opcode.INVOKESTATIC && op != Opcode.INVOKESPECIAL && (name.equals("getMessage") || name.equals("getLocalizedMessage"))
                && type.equals(NO_ARGS_STRING)) {
            // The JVM's messages name class loaders with their identity hashes; any class's answer is cleaned the same way.
            cb.with(i);
            identities(cb, "messageText", MethodTypeDesc.of(CD_String, CD_String));
        } else if (isFormat(op, owner, name, type)) {
            identities(cb, "formatArgs", ARRAY_TO_ARRAY);
            cb.with(i);
        } else if (op == Opcode.INVOKEVIRTUAL && (owner.equals(MESSAGE_FORMAT) || owner.equals(FORMAT)) && name.equals("format")
                && type.equals(OBJECT_TO_STRING)) {
            // Format.format(Object): a MessageFormat's arguments come as one Object[].
            identities(cb, "formatArgOf", MethodTypeDesc.of(CD_Object, CD_Object));
            cb.with(i);
        } else {
            cb.with(i);
        }
    }

    /** {@code String.format}, {@code formatted}, and a print stream's or writer's {@code printf} and {@code format}: the arguments are the last parameter. */
    private static boolean isFormat(Opcode op, ClassDesc owner, String name, MethodTypeDesc type) {
        int n = type.parameterCount();
        if (n == 0 || !type.parameterType(n - 1).equals(CD_Object.arrayType())) return false;
        boolean formatString = n >= 2 && type.parameterType(n - 2).equals(CD_String) && (n == 2 || type.parameterType(0).equals(LOCALE) && n == 3);
        if (owner.equals(CD_String)) {
            return op == Opcode.INVOKESTATIC && name.equals("format") && formatString || op == Opcode.INVOKEVIRTUAL && name.equals("formatted") && n == 1;
        }
        if (owner.equals(MESSAGE_FORMAT)) return op == Opcode.INVOKESTATIC && name.equals("format") && n == 2;
        return op == Opcode.INVOKEVIRTUAL && (owner.equals(PRINT_STREAM) || owner.equals(PRINT_WRITER))
                && (name.equals("printf") || name.equals("format")) && formatString;
    }

    /** {@code [x] -> [identities.method(x)]}. */
    private void identities(CodeBuilder cb, String method, MethodTypeDesc type) {
        cb.ldc(identities).swap().invokevirtual(IDENTITIES, method, type);
    }

    /** Whether a static method has an insertion-ordered twin: every {@code of}, {@code ofEntries} and {@code copyOf} of Set and Map has one. */
    private static boolean isOrderedFactory(ClassDesc owner, String name, MethodTypeDesc type) {
        if (owner.equals(SET)) return SET_FACTORIES.contains(name);
        if (owner.equals(MAP)) return MAP_FACTORIES.contains(name);
        return owner.equals(COLLECTORS) && HASH_COLLECTORS.contains(name + type.descriptorString());
    }

    /**
     * The call site with string concatenation bootstrapped by {@code Identities.concat} and method
     * handle arguments (a lambda's implementation: {@code HashSet::new}, {@code Set::of}) redirected
     * like the calls above; others unchanged.
     */
    private static DynamicCallSiteDesc callSite(InvokeDynamicInstruction indy) {
        var bootstrap = indy.bootstrapMethod();
        var args = new ArrayList<ConstantDesc>(indy.bootstrapArgs());
        for (int a = 0; a < args.size(); a++) if (args.get(a) instanceof DirectMethodHandleDesc mh) args.set(a, redirected(mh));
        if (bootstrap.owner().equals(CONCAT_FACTORY) && bootstrap.methodName().equals("makeConcatWithConstants")) {
            bootstrap = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, IDENTITIES, "concat", bootstrap.invocationType());
        } else if (bootstrap.owner().equals(OBJECT_METHODS) && bootstrap.methodName().equals("bootstrap")) {
            bootstrap = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, IDENTITIES, "objectMethods", bootstrap.invocationType());
        }
        return DynamicCallSiteDesc.of(bootstrap, indy.name().stringValue(), indy.typeSymbol(), args.toArray(ConstantDesc[]::new));
    }

    /**
     * Adds {@code public int hashCode()} to a class that declares none: the superclass's answer, or
     * the process's number for the object when the superclass's is the identity one. Straight-line
     * code (no branch, so no stack map frame): {@code Identities.hashCodeAbove(this,
     * super.hashCode(), ThisClass.class)}.
     */
    static void addHashCode(java.lang.classfile.ClassBuilder clb, ClassDesc self, ClassDesc superclass) {
        clb.withMethodBody("hashCode", NO_ARGS_INT, java.lang.classfile.ClassFile.ACC_PUBLIC, cb -> cb
                .ldc(CONSTANT)
                .aload(0)
                .aload(0)
                .invokespecial(superclass, "hashCode", NO_ARGS_INT)
                .ldc(self)
                .invokevirtual(IDENTITIES, "hashCodeAbove", MethodTypeDesc.of(CD_int, CD_Object, CD_int, CD_Class))
                .ireturn());
    }

    /** Whether a class may get {@link #addHashCode}: a class (not an interface), neither enum nor record, that declares no hashCode. */
    static boolean needsHashCode(java.lang.classfile.ClassModel model) {
        // An enum constant with a body is a class extending its enum (flagged ACC_ENUM): Enum.hashCode is final.
        if (model.flags().has(java.lang.reflect.AccessFlag.INTERFACE) || model.flags().has(java.lang.reflect.AccessFlag.ENUM)
                || model.superclass().isEmpty()) return false;
        var superclass = model.superclass().get().asSymbol();
        if (superclass.equals(ENUM) || superclass.equals(ClassDesc.of("java.lang.Record"))) return false;
        for (var m : model.methods()) {
            if (m.methodName().equalsString("hashCode") && m.methodType().equalsString("()I")) return false;
        }
        return true;
    }

    /**
     * A method handle given to a lambda's bootstrap, redirected like a call: a hash-ordered
     * collection's constructor or factory to its ordered twin, and a method reference the JDK will
     * call for the program ({@code Object::hashCode}, {@code String::valueOf}, {@code Class::getName})
     * to the static stand-in in {@code Identities} that answers for the calling process.
     */
    private static DirectMethodHandleDesc redirected(DirectMethodHandleDesc mh) {
        var here = standIn(mh);
        return here != null ? MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, IDENTITIES, here, standInType(here)) : ordered(mh);
    }

    /** The name of {@code Identities}' static stand-in for a method handle's target, or null. */
    private static String standIn(DirectMethodHandleDesc mh) {
        var kind = mh.kind();
        String name = mh.methodName();
        String desc = mh.lookupDescriptor();
        boolean virtual = kind == DirectMethodHandleDesc.Kind.VIRTUAL || kind == DirectMethodHandleDesc.Kind.INTERFACE_VIRTUAL;
        boolean isStatic = kind == DirectMethodHandleDesc.Kind.STATIC || kind == DirectMethodHandleDesc.Kind.INTERFACE_STATIC;
        if (virtual && name.equals("hashCode") && desc.equals("()I")) return "hashCodeHere";
        if (virtual && name.equals("toString") && desc.equals("()Ljava/lang/String;")) return "toStringHere";
        if (virtual && mh.owner().equals(CD_Class) && name.equals("getName") && desc.equals("()Ljava/lang/String;")) return "nameHere";
        if (virtual && mh.owner().packageName().startsWith("java.") && (name.equals("getMessage") || name.equals("getLocalizedMessage"))
                && desc.equals("()Ljava/lang/String;")) return "messageHere";
        if (virtual && mh.owner().equals(CD_Class) && name.equals("getSimpleName") && desc.equals("()Ljava/lang/String;")) return "simpleNameHere";
        if (!isStatic) return null;
        var owner = mh.owner();
        if ((owner.equals(CD_String) && name.equals("valueOf") || owner.equals(OBJECTS) && name.equals("toString"))
                && desc.equals("(Ljava/lang/Object;)Ljava/lang/String;")) return "valueOfHere";
        if (owner.equals(OBJECTS) && name.equals("hashCode") && desc.equals("(Ljava/lang/Object;)I")) return "hashCodeOrZeroHere";
        if (owner.equals(SYSTEM) && name.equals("identityHashCode")) return "identityHere";
        if ((owner.equals(OBJECTS) && name.equals("hash") || owner.equals(ARRAYS) && name.equals("hashCode")) && desc.equals("([Ljava/lang/Object;)I")) {
            return "hashOfHere";
        }
        return null;
    }

    private static MethodTypeDesc standInType(String standIn) {
        return switch (standIn) {
            case "hashCodeHere", "hashCodeOrZeroHere", "identityHere" -> OBJECT_TO_INT;
            case "toStringHere", "valueOfHere" -> OBJECT_TO_STRING;
            case "nameHere", "simpleNameHere" -> CLASS_TO_STRING;
            case "messageHere" -> MethodTypeDesc.of(CD_String, ClassDesc.of("java.lang.Throwable"));
            case "hashOfHere" -> ARRAY_TO_INT;
            default -> throw new IllegalArgumentException("no stand-in called " + standIn);
        };
    }

    private static DirectMethodHandleDesc ordered(DirectMethodHandleDesc mh) {
        if (mh.kind() == DirectMethodHandleDesc.Kind.CONSTRUCTOR && ORDERED.containsKey(mh.owner())) {
            return MethodHandleDesc.ofConstructor(ORDERED.get(mh.owner()), mh.invocationType().parameterArray());
        }
        if ((mh.kind() == DirectMethodHandleDesc.Kind.STATIC || mh.kind() == DirectMethodHandleDesc.Kind.INTERFACE_STATIC)
                && isOrderedFactory(mh.owner(), mh.methodName(), mh.invocationType())) {
            return MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, FACTORY_TWINS.get(mh.owner()), mh.methodName(), mh.invocationType());
        }
        return mh;
    }
}
