package packos.host.protect.instrument;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.Map;
import java.util.Set;

/**
 * Heap metering at a program's calls into the JDK, whose code is not instrumented. What a call
 * allocated is measured, not guessed: the call is wrapped in {@code Signals.hostCallBegins()} and
 * {@code Signals.hostCallEnded()}, which read the JVM's count of bytes allocated on the carrier
 * threads (see {@code packos.kernel.CarrierWindow}), JDK code included. A list of methods cannot
 * be complete, so the lists here only make metering cheaper, never weaker:
 * <ul>
 * <li>{@link Kind#FREE}: methods that allocate nothing or a few bytes whatever they are given
 *     ({@code String.charAt}, {@code List.get}, {@code Math}); no hooks.</li>
 * <li>{@link Kind#CHEAP}: methods whose allocation is bounded by a constant on average (a list's
 *     {@code add} grows its array now and then); the count is read once in 64 such calls.</li>
 * <li>{@link Kind#MEASURED}: every other call into the JDK; the count is read after each one.</li>
 * </ul>
 * A call whose size argument alone says it will allocate a lot ({@code Arrays.copyOf},
 * {@code String.repeat}, capacity constructors...) is also charged that much before it runs, so
 * that a single huge allocation is refused before the JVM makes it (the measurement after it
 * then charges only what the estimate missed).
 */
final class HostCalls {
    enum Kind { FREE, CHEAP, MEASURED }

    private HostCalls() {}

    /** Packages of the JDK: code that is not the program's and not PackOS' (whose library is metered where it allocates). */
    private static final String[] JDK_PACKAGES = {"java/", "javax/", "jdk/", "sun/", "com/sun/"};

    private static final Set<String> COLLECTIONS = Set.of("java/util/Collection", "java/util/List", "java/util/ArrayList",
            "java/util/LinkedList", "java/util/Map", "java/util/HashMap", "java/util/LinkedHashMap", "java/util/TreeMap",
            "java/util/SortedMap", "java/util/NavigableMap", "java/util/Set", "java/util/HashSet", "java/util/LinkedHashSet",
            "java/util/TreeSet", "java/util/SortedSet", "java/util/NavigableSet", "java/util/Queue", "java/util/Deque",
            "java/util/ArrayDeque", "java/util/PriorityQueue", "java/util/Iterator", "java/util/ListIterator",
            "java/util/Map$Entry", "java/lang/Iterable", "java/util/SequencedCollection", "java/util/SequencedMap",
            "java/util/EnumMap");
    private static final Set<String> COLLECTION_FREE = Set.of("get", "size", "isEmpty", "contains", "containsKey",
            "containsValue", "hasNext", "next", "peek", "peekFirst", "peekLast", "getFirst", "getLast", "getKey", "getValue",
            "indexOf", "lastIndexOf", "first", "last", "element", "hasPrevious", "previous", "nextIndex", "previousIndex",
            "equals", "hashCode", "clear", "remove", "poll", "pollFirst", "pollLast", "pop", "removeFirst", "removeLast",
            "getOrDefault", "cardinality", "length", "nextSetBit", "nextClearBit", "intersects");
    private static final Set<String> COLLECTION_CHEAP = Set.of("add", "put", "offer", "push", "addFirst", "addLast",
            "offerFirst", "offerLast", "putIfAbsent", "set", "iterator", "listIterator", "entrySet", "keySet", "values",
            "forEach", "computeIfAbsent", "computeIfPresent", "compute", "merge", "replace", "descendingIterator",
            "ceiling", "floor", "higher", "lower", "ceilingKey", "floorKey", "higherKey", "lowerKey", "ceilingEntry",
            "floorEntry", "higherEntry", "lowerEntry", "firstKey", "lastKey", "firstEntry", "lastEntry");
    private static final Set<String> NUMBERS = Set.of("java/lang/Integer", "java/lang/Long", "java/lang/Short",
            "java/lang/Byte", "java/lang/Double", "java/lang/Float", "java/lang/Boolean", "java/lang/Character", "java/lang/Number");
    private static final Set<String> STRING_FREE = Set.of("length", "charAt", "isEmpty", "isBlank", "equals",
            "equalsIgnoreCase", "hashCode", "compareTo", "compareToIgnoreCase", "indexOf", "lastIndexOf", "startsWith",
            "endsWith", "contains", "codePointAt", "regionMatches", "contentEquals");
    private static final Set<String> BUILDER_FREE = Set.of("length", "charAt", "setCharAt", "indexOf", "lastIndexOf",
            "capacity", "isEmpty", "compareTo");
    /** {@code append} of a primitive: a few characters, into an array that doubles now and then. */
    private static final Set<String> BUILDER_CHEAP_APPENDS = Set.of("(C)", "(I)", "(J)", "(Z)", "(F)", "(D)");
    private static final Set<String> ARRAYS_FREE = Set.of("fill", "equals", "hashCode", "binarySearch", "mismatch", "compare",
            "deepEquals");
    private static final Set<String> BITSET_FREE = Set.of("get", "nextClearBit", "nextSetBit", "previousSetBit",
            "previousClearBit", "cardinality", "length", "size", "isEmpty", "intersects", "clear", "equals", "hashCode");
    private static final Set<String> OBJECTS_FREE = Set.of("requireNonNull", "equals", "hashCode", "isNull", "nonNull",
            "checkIndex", "checkFromToIndex", "checkFromIndexSize", "compare", "requireNonNullElse");

    /** What a call to {@code owner.name type} costs to meter. */
    static Kind kind(String owner, String name, MethodTypeDesc type) {
        if (owner.startsWith("[")) return Kind.MEASURED; // clone() of an array
        if (!isJdk(owner)) return Kind.FREE;
        return switch (owner) {
            case "java/lang/Math", "java/lang/StrictMath" -> Kind.FREE;
            // toString() through Object may be a collection's, as long as its contents.
            case "java/lang/Object" -> name.equals("toString") ? Kind.MEASURED : Kind.FREE;
            case "java/lang/System" -> name.equals("arraycopy") ? Kind.FREE : Kind.MEASURED;
            case "java/lang/String" -> STRING_FREE.contains(name) ? Kind.FREE : name.equals("valueOf") && primitiveArgument(type) ? Kind.CHEAP : Kind.MEASURED;
            case "java/lang/StringBuilder", "java/lang/StringBuffer", "java/lang/AbstractStringBuilder" -> {
                if (BUILDER_FREE.contains(name)) yield Kind.FREE;
                String params = type.descriptorString().substring(0, type.descriptorString().indexOf(')') + 1);
                yield (name.equals("append") && BUILDER_CHEAP_APPENDS.contains(params)) || name.equals("<init>") && type.parameterCount() == 0
                        ? Kind.CHEAP : Kind.MEASURED;
            }
            case "java/util/Arrays" -> ARRAYS_FREE.contains(name) ? Kind.FREE : name.equals("asList") ? Kind.CHEAP : Kind.MEASURED;
            case "java/util/Objects" -> OBJECTS_FREE.contains(name) ? Kind.FREE : Kind.MEASURED;
            // A sieve calls get and set millions of times; set(int) past the end is charged before it grows the words.
            case "java/util/BitSet" -> BITSET_FREE.contains(name) ? Kind.FREE
                    : name.equals("set") && type.descriptorString().equals("(I)V") ? Kind.CHEAP : Kind.MEASURED;
            default -> {
                if (NUMBERS.contains(owner)) yield name.startsWith("to") ? Kind.CHEAP : Kind.FREE;
                if (COLLECTIONS.contains(owner)) {
                    if (COLLECTION_FREE.contains(name)) yield Kind.FREE;
                    // A constructor without arguments makes an empty collection.
                    yield COLLECTION_CHEAP.contains(name) || name.equals("<init>") && type.parameterCount() == 0 ? Kind.CHEAP : Kind.MEASURED;
                }
                yield Kind.MEASURED;
            }
        };
    }

    /** What an invokedynamic costs: a lambda is one small object; string concatenation and records' toString grow with their input. */
    static Kind kind(InvokeDynamicInstruction i) {
        String bootstrap = i.bootstrapMethod().owner().descriptorString();
        return switch (bootstrap) {
            case "Ljava/lang/invoke/LambdaMetafactory;" -> Kind.CHEAP;
            case "Ljava/lang/runtime/SwitchBootstraps;" -> Kind.FREE;
            case "Ljava/lang/runtime/ObjectMethods;" -> i.name().stringValue().equals("toString") ? Kind.MEASURED : Kind.FREE;
            default -> Kind.MEASURED;
        };
    }

    static boolean isJdk(String owner) {
        for (String p : JDK_PACKAGES) if (owner.startsWith(p)) return true;
        return false;
    }

    private static boolean primitiveArgument(MethodTypeDesc type) {
        return type.parameterCount() == 1 && type.parameterType(0).isPrimitive();
    }

    /** Emits {@code i} with its metering around it. */
    static void around(CodeBuilder cb, ConstantDynamicEntry signals, InvokeInstruction i) {
        String owner = i.owner().asInternalName();
        String name = i.name().stringValue();
        var type = i.typeSymbol();
        var kind = kind(owner, name, type);
        if (kind == Kind.FREE) {
            cb.with(i);
            return;
        }
        KernelSignals.hostCallBegins(cb, signals);
        SizeArguments.chargeBefore(cb, signals, owner, name, type);
        cb.with(i);
        KernelSignals.hostCallEnded(cb, signals, kind == Kind.CHEAP);
    }

    /** Emits {@code i} with its metering around it. */
    static void around(CodeBuilder cb, ConstantDynamicEntry signals, InvokeDynamicInstruction i) {
        var kind = kind(i);
        if (kind == Kind.FREE) {
            cb.with(i);
            return;
        }
        KernelSignals.hostCallBegins(cb, signals);
        cb.with(i);
        KernelSignals.hostCallEnded(cb, signals, kind == Kind.CHEAP);
    }

    /**
     * Calls whose last argument is a count of elements the JDK will allocate at once: charged
     * {@code 16 + count << shift} before the call. The estimate is a floor (a string of two-byte
     * characters, a hash table's spare room cost more); the measurement after the call adds the rest.
     */
    static final class SizeArguments {
        private SizeArguments() {}

        private record Key(String owner, String name, String descriptor) {}

        private static final Map<Key, Integer> LAST_INT = Map.ofEntries(
                Map.entry(new Key("java/lang/String", "repeat", "(I)Ljava/lang/String;"), 0),
                Map.entry(new Key("java/lang/String", "<init>", "([CII)V"), 0),
                Map.entry(new Key("java/lang/String", "<init>", "([BII)V"), 0),
                Map.entry(new Key("java/lang/StringBuilder", "<init>", "(I)V"), 0),
                Map.entry(new Key("java/lang/StringBuilder", "ensureCapacity", "(I)V"), 0),
                Map.entry(new Key("java/lang/StringBuilder", "setLength", "(I)V"), 0),
                Map.entry(new Key("java/lang/StringBuilder", "repeat", "(II)Ljava/lang/StringBuilder;"), 0),
                Map.entry(new Key("java/lang/StringBuilder", "repeat", "(Ljava/lang/CharSequence;I)Ljava/lang/StringBuilder;"), 0),
                Map.entry(new Key("java/lang/StringBuffer", "<init>", "(I)V"), 0),
                Map.entry(new Key("java/lang/StringBuffer", "ensureCapacity", "(I)V"), 0),
                Map.entry(new Key("java/lang/StringBuffer", "setLength", "(I)V"), 0),
                Map.entry(new Key("java/util/ArrayList", "<init>", "(I)V"), 2),
                Map.entry(new Key("java/util/ArrayList", "ensureCapacity", "(I)V"), 2),
                Map.entry(new Key("java/util/ArrayDeque", "<init>", "(I)V"), 2),
                Map.entry(new Key("java/util/PriorityQueue", "<init>", "(I)V"), 2),
                Map.entry(new Key("java/util/HashMap", "<init>", "(I)V"), 2),
                Map.entry(new Key("java/util/HashSet", "<init>", "(I)V"), 2),
                Map.entry(new Key("java/util/LinkedHashMap", "<init>", "(I)V"), 2),
                Map.entry(new Key("java/util/LinkedHashSet", "<init>", "(I)V"), 2),
                Map.entry(new Key("java/nio/ByteBuffer", "allocate", "(I)Ljava/nio/ByteBuffer;"), 0));

        /** {@code [... count] -> [... count]}: charges the call's allocation before it is made, if its arguments say. */
        static void chargeBefore(CodeBuilder cb, ConstantDynamicEntry signals, String owner, String name, MethodTypeDesc type) {
            var shift = LAST_INT.get(new Key(owner, name, type.descriptorString()));
            if (shift != null) {
                KernelSignals.allocatedArray(cb, signals, shift);
                return;
            }
            if (owner.equals("java/util/BitSet") && name.equals("set") && type.descriptorString().equals("(I)V")) {
                // [bits, index] -> [bits, index, index, size] -> charged -> [bits, index]
                cb.dup2().swap().invokevirtual(ClassDesc.of("java.util.BitSet"), "size", MethodTypeDesc.ofDescriptor("()I"));
                KernelSignals.allocatedBeyond(cb, signals, 3);
                return;
            }
            if (!owner.equals("java/util/Arrays") || type.parameterCount() < 2) return;
            var array = type.parameterType(0);
            if (!array.isArray()) return;
            int elementShift = array.componentType().isPrimitive() ? HeapCharge.shift(TypeKind.from(array.componentType())) : 2;
            if (name.equals("copyOf") && type.parameterCount() == 2 && type.parameterType(1).descriptorString().equals("I")) {
                KernelSignals.allocatedArray(cb, signals, elementShift);
            } else if (name.equals("copyOfRange") && type.parameterCount() == 3) {
                // [array, from, to] -> [array, from, to, to - from] -> charged -> [array, from, to]
                cb.dup2().swap().isub();
                KernelSignals.allocatedArray(cb, signals, elementShift);
                cb.pop();
            }
        }
    }
}
