package packos.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.FieldModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.AccessFlag;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds static fields that could carry state from one process to another through shared library
 * code (docs/ARCHITECTURE.md section 5). A static field passes when it is final and of an immutable kind:
 * a primitive; String, a boxed primitive or another JDK value type listed below; an enum or a
 * record or a final class whose instance fields are all final and of immutable kinds (checked
 * recursively); or a List, Set or Map whose value provably comes from List.of / copyOf (and the
 * like) with elements of immutable kinds. Arrays are mutable and never pass. Compiler-generated
 * statics pass: an enum's {@code $VALUES}, a switch map ({@code $SwitchMap$...}) in a synthetic
 * class, and {@code $assertionsDisabled}. "Immutable" is judged as far as the class files tell.
 */
final class StaticStateAudit {
    /** JDK types whose instances cannot change. */
    private static final Set<Class<?>> IMMUTABLE_JDK = Set.of(
            String.class, Boolean.class, Byte.class, Short.class, Character.class, Integer.class, Long.class,
            Float.class, Double.class, Class.class, VarHandle.class, MethodHandle.class, MethodType.class,
            BigInteger.class, BigDecimal.class, Pattern.class, Charset.class, HexFormat.class, Duration.class, Instant.class,
            // A key with no state of its own: what it is bound to lives in each thread, for that thread alone.
            ScopedValue.class);
    private static final Set<Class<?>> COLLECTIONS = Set.of(List.class, Set.class, Map.class);
    private static final Set<String> FACTORY_OWNERS = Set.of("java/util/List", "java/util/Set", "java/util/Map");
    private static final Set<String> FACTORY_METHODS = Set.of("of", "copyOf", "ofEntries");

    private final ClassLoader loader;
    /** Types already judged, or being judged (a cycle counts as immutable until proven otherwise). */
    private final Map<Class<?>, String> verdicts = new HashMap<>();

    StaticStateAudit(ClassLoader loader) { this.loader = loader; }

    /** Every offending static field of one class file, each as "Class.field: why". */
    List<String> offenders(byte[] classFile) {
        ClassModel model = ClassFile.of().parse(classFile);
        String className = model.thisClass().asInternalName().replace('/', '.');
        boolean isEnum = model.flags().has(AccessFlag.ENUM);
        boolean syntheticClass = model.flags().has(AccessFlag.SYNTHETIC);
        var fromFactory = factoryAssigned(model, "<clinit>", Opcode.PUTSTATIC);
        var found = new ArrayList<String>();
        for (FieldModel field : model.fields()) {
            if (!field.flags().has(AccessFlag.STATIC)) continue;
            String name = field.fieldName().stringValue();
            boolean synthetic = field.flags().has(AccessFlag.SYNTHETIC);
            if (synthetic && (isEnum && name.equals("$VALUES")
                    || syntheticClass && name.startsWith("$SwitchMap$")
                    || name.equals("$assertionsDisabled"))) {
                continue;
            }
            String why;
            if (!field.flags().has(AccessFlag.FINAL)) {
                why = "static but not final (" + field.fieldType().stringValue() + ")";
            } else {
                why = whyMutable(genericType(className, name), fromFactory.getOrDefault(name, false));
            }
            if (why != null) found.add(className + "." + name + ": " + why);
        }
        return found;
    }

    private Type genericType(String className, String fieldName) {
        try {
            return Class.forName(className, false, loader).getDeclaredField(fieldName).getGenericType();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot read the type of " + className + "." + fieldName + ": " + e, e);
        }
    }

    /** Null if a value of this type cannot change, else why it can (or why we cannot tell). */
    private String whyMutable(Type type, boolean provenUnmodifiable) {
        return switch (type) {
            case Class<?> c when COLLECTIONS.contains(c) -> provenUnmodifiable
                    ? "a raw " + c.getSimpleName() + ": its elements' type is unknown"
                    : notFromFactory(c);
            case Class<?> c -> whyMutable(c);
            case ParameterizedType p when p.getRawType() instanceof Class<?> raw && COLLECTIONS.contains(raw) -> {
                if (!provenUnmodifiable) yield notFromFactory(raw);
                for (Type arg : p.getActualTypeArguments()) {
                    String why = whyMutable(arg, false);
                    if (why != null) yield "a " + raw.getSimpleName() + " of " + arg.getTypeName() + ", which is " + why;
                }
                yield null;
            }
            case ParameterizedType p when p.getRawType() == Class.class -> null;
            case ParameterizedType p -> whyMutable(p.getRawType(), false);
            case WildcardType w when w.getUpperBounds().length == 1 && w.getLowerBounds().length == 0 -> whyMutable(w.getUpperBounds()[0], false);
            case GenericArrayType a -> "an array (arrays are mutable)";
            case TypeVariable<?> v -> "of type variable " + v.getName() + ", whose type is unknown";
            default -> "of type " + type.getTypeName() + ", not known to be immutable";
        };
    }

    private static String notFromFactory(Class<?> collection) {
        String kind = collection.getSimpleName();
        return "a " + kind + " not assigned straight from " + kind + ".of or " + kind + ".copyOf, so it may be modifiable";
    }

    private String whyMutable(Class<?> c) {
        if (c.isPrimitive() || IMMUTABLE_JDK.contains(c)) return null;
        if (c.isArray()) return "an array (arrays are mutable)";
        if (verdicts.containsKey(c)) return verdicts.get(c);
        verdicts.put(c, null);
        String verdict = judge(c);
        verdicts.put(c, verdict);
        return verdict;
    }

    private String judge(Class<?> c) {
        boolean jdk = c.getClassLoader() == null || c.getName().startsWith("java.");
        Class<?> enumType = c.isEnum() ? c : c.getSuperclass() != null && c.getSuperclass().isEnum() ? c.getSuperclass() : null;
        if (enumType != null && jdk) return null;
        if (jdk && !c.isRecord()) return "of type " + c.getName() + ", not known to be immutable";
        if (enumType == null && !c.isRecord() && (!Modifier.isFinal(c.getModifiers()) || c.isInterface())) {
            return "of type " + c.getName() + ", which is neither final, a record nor an enum, so a subclass may add state";
        }
        String kind = c.isRecord() ? "record " : enumType != null ? "enum " : "class ";
        for (Class<?> k = c; k != null && k != Object.class && k != Record.class && k != Enum.class; k = k.getSuperclass()) {
            var fromFactory = factoryAssigned(parse(k), "<init>", Opcode.PUTFIELD);
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;  // judged where the class itself is scanned
                String what = kind + c.getName() + " has field " + f.getName();
                if (!Modifier.isFinal(f.getModifiers())) return what + ", which is not final";
                String why = whyMutable(f.getGenericType(), fromFactory.getOrDefault(f.getName(), false));
                if (why != null) return what + ", which is " + why;
            }
        }
        return null;
    }

    private ClassModel parse(Class<?> c) {
        try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            if (in == null) throw new IllegalStateException("no class file for " + c.getName());
            return ClassFile.of().parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * For each field of the class that the named methods store ({@code put}), whether every store
     * provably takes a value straight from a List/Set/Map factory: the instruction before the store
     * is the factory call, or a load of a local that was stored straight from one. Any branch or
     * exception-handler target between them makes it unproven (a conservative, straight-line reading of the code).
     */
    private static Map<String, Boolean> factoryAssigned(ClassModel model, String methodName, Opcode put) {
        var proven = new HashMap<String, Boolean>();
        String owner = model.thisClass().asInternalName();
        for (MethodModel m : model.methods()) {
            if (!m.methodName().equalsString(methodName) || m.code().isEmpty()) continue;
            var code = m.code().get();
            var jumpedTo = new HashSet<Label>();
            for (CodeElement e : code) {
                switch (e) {
                    case BranchInstruction b -> jumpedTo.add(b.target());
                    case TableSwitchInstruction t -> {
                        jumpedTo.add(t.defaultTarget());
                        t.cases().forEach(c -> jumpedTo.add(c.target()));
                    }
                    case LookupSwitchInstruction l -> {
                        jumpedTo.add(l.defaultTarget());
                        l.cases().forEach(c -> jumpedTo.add(c.target()));
                    }
                    case ExceptionCatch c -> jumpedTo.add(c.handler());
                    default -> { }
                }
            }
            var factoryLocals = new HashSet<Integer>();
            boolean previousIsFactory = false;
            for (CodeElement e : code) {
                switch (e) {
                    // Only where control can arrive from elsewhere; debug-info labels change nothing.
                    case LabelTarget t when jumpedTo.contains(t.label()) -> {
                        factoryLocals.clear();
                        previousIsFactory = false;
                    }
                    case FieldInstruction f when f.opcode() == put && f.owner().asInternalName().equals(owner) -> {
                        proven.merge(f.name().stringValue(), previousIsFactory, Boolean::logicalAnd);
                        previousIsFactory = false;
                    }
                    case InvokeInstruction i -> previousIsFactory = i.opcode() == Opcode.INVOKESTATIC
                            && FACTORY_OWNERS.contains(i.owner().asInternalName())
                            && FACTORY_METHODS.contains(i.name().stringValue());
                    case StoreInstruction s -> {
                        if (previousIsFactory) factoryLocals.add(s.slot());
                        else factoryLocals.remove(s.slot());
                        previousIsFactory = false;
                    }
                    case LoadInstruction l -> previousIsFactory = factoryLocals.contains(l.slot());
                    case Instruction other -> previousIsFactory = false;
                    default -> { }  // line numbers, stack maps and other pseudo-instructions
                }
            }
        }
        return proven;
    }

    static boolean isClassFile(String name) {
        return name.endsWith(".class") && !name.endsWith("module-info.class") && !name.endsWith("package-info.class");
    }
}
