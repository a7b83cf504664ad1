package packos.kernel;

import java.lang.invoke.CallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.StringConcatException;
import java.lang.invoke.StringConcatFactory;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deterministic stand-ins for identity hash codes, numbered per process. The JVM draws an
 * object's identity hash from the carrier thread's random state, seeded differently in every run,
 * so a program that printed {@code new Object()}, an array, or the hash code of an enum gave
 * different bytes from one run to the next with the same seed. The loader rewrites a program's
 * calls to {@code hashCode()} and {@code toString()}, and its string concatenations, to go
 * through here: an object whose class keeps {@code Object}'s or {@code Enum}'s identity-based
 * {@code hashCode} gets instead the n-th number of its process's sequence, the first time one is
 * asked of it; a one-CPU run in virtual time asks in the same order every time. The JDK's
 * aggregates (lists, sets, maps, entries, optionals, arrays) answer from their elements' numbers
 * ({@link Aggregates}), formats get their arguments' answers ({@link #formatArgs}), a hidden
 * class's name loses its address-like suffix ({@link HiddenNames}), and method references the JDK
 * calls ({@code Object::toString}) come here through the static {@code ...Here} methods.
 *
 * <p>One per process, used by its own thread only (the kernel refuses kernel calls from others).
 */
public final class Identities {
    /** How a class hashes and reads, by class: a process uses few. */
    private final Map<Class<?>, Shape> hashShapes = new HashMap<>();
    private final Map<Class<?>, Shape> textShapes = new HashMap<>();
    private WeakReference<?>[] keys = new WeakReference<?>[64];
    private int[] numbers = new int[64];
    private int size;
    private int next;

    /**
     * What {@code hashCode()} or {@code toString()} of a class comes down to. {@code IDENTITY}:
     * Object's or Enum's, drawn from the JVM run. {@code OWN}: the class's own, which a program
     * class or a value class of the JDK answers from its content. The others are the JDK's
     * aggregates, which answer from their elements' hashes and texts, identity ones included:
     * computed here by their contracts, each element asked through this process's numbers.
     */
    enum Shape { IDENTITY, OWN, LIST, SET, MAP, ENTRY, OPTIONAL, COLLECTION, CLASS, THROWABLE }

    /** {@code o.hashCode()}, with an identity hash replaced by the process's number for {@code o}. */
    public int hashCodeOf(Object o) {
        Objects.requireNonNull(o);
        return hashBy(hashShapes.computeIfAbsent(o.getClass(), t -> shape(t, "hashCode")), o);
    }

    /** The hash of {@code o} as a class of shape {@code shape} answers it; {@code OWN} asks {@code o}. */
    private int hashBy(Shape shape, Object o) {
        return switch (shape) {
            case IDENTITY -> identityOf(o);
            case LIST -> Aggregates.listHash(this, (List<?>) o);
            case SET -> Aggregates.setHash(this, (java.util.Set<?>) o);
            case MAP -> Aggregates.mapHash(this, (Map<?, ?>) o);
            case ENTRY -> Aggregates.entryHash(this, (Map.Entry<?, ?>) o);
            case OPTIONAL -> hashCodeOrZero(((java.util.Optional<?>) o).orElse(null));
            default -> o.hashCode();
        };
    }

    /** {@code o.toString()}, with {@code Object}'s {@code Class@hash} made of the process's number. */
    public String toStringOf(Object o) {
        Objects.requireNonNull(o);
        return switch (textShapes.computeIfAbsent(o.getClass(), t -> shape(t, "toString"))) {
            case IDENTITY -> identityText(o, hashCodeOf(o));
            case COLLECTION, LIST, SET -> Aggregates.collectionText(this, (java.util.Collection<?>) o);
            case MAP -> Aggregates.mapText(this, (Map<?, ?>) o);
            case ENTRY -> Aggregates.entryText(this, (Map.Entry<?, ?>) o);
            case OPTIONAL -> Aggregates.optionalText(this, (java.util.Optional<?>) o);
            case CLASS -> HiddenNames.of(this, (Class<?>) o, o.toString());
            case THROWABLE -> HiddenNames.withoutLoaderIds(o.toString());
            default -> o.toString();
        };
    }

    /** Whether {@link #toStringOf} or {@link #hashCodeOf} of {@code o} may answer otherwise than {@code o} itself: what a format must not ask {@code o}. */
    boolean answersForIt(Object o) {
        return o != null && (textShapes.computeIfAbsent(o.getClass(), t -> shape(t, "toString")) != Shape.OWN
                || hashShapes.computeIfAbsent(o.getClass(), t -> shape(t, "hashCode")) != Shape.OWN);
    }

    /** {@code Object.toString} as a program's {@code super.toString()} reaches it: the class name and the process's number. */
    public String identityString(Object o) { return identityText(o, identityOf(o)); }

    private String identityText(Object o, int hash) { return nameOf(o.getClass()) + "@" + Integer.toHexString(hash); }
    /** {@link Objects#hashCode(Object)}: 0 for null. */
    public int hashCodeOrZero(Object o) { return o == null ? 0 : hashCodeOf(o); }

    /** {@link java.util.Arrays#hashCode(Object[])} and {@link Objects#hash}, each element's hash as {@link #hashCodeOrZero}. */
    public int hashOf(Object[] elements) {
        if (elements == null) return 0;
        int h = 1;
        for (Object e : elements) h = 31 * h + hashCodeOrZero(e);
        return h;
    }

    /** {@link String#valueOf(Object)}: {@code "null"} for null. */
    public String valueOf(Object o) { return o == null ? "null" : toStringOf(o); }

    /** The process's stand-in for {@code System.identityHashCode(o)}. */
    public int identityOf(Object o) {
        if (o == null) return 0;
        int slot = find(o);
        if (slot >= 0) return numbers[slot];
        if (size + 1 > keys.length * 3 / 4) grow();
        int number = mix(++next);
        insert(o, number);
        return number;
    }

    /** How {@code type} answers {@code name} ("hashCode" or "toString"): see {@link Shape}. */
    private static Shape shape(Class<?> type, String name) {
        Class<?> declaring;
        try {
            declaring = type.getMethod(name).getDeclaringClass();
        } catch (NoSuchMethodException e) {
            return Shape.IDENTITY;
        }
        // Enum's toString is the constant's name; its hashCode is Object's.
        if (declaring == Object.class || declaring == Enum.class && name.equals("hashCode")) return Shape.IDENTITY;
        // Character.Subset's hashCode is declared final, as Object's.
        if (declaring == Character.Subset.class) return Shape.IDENTITY;
        if (declaring.getClassLoader() instanceof Signals.Source) return Shape.OWN;
        if (type == Class.class) return name.equals("toString") ? Shape.CLASS : Shape.IDENTITY;
        if (Throwable.class.isAssignableFrom(type)) return name.equals("toString") ? Shape.THROWABLE : Shape.OWN;
        if (List.class.isAssignableFrom(type)) return Shape.LIST;
        if (java.util.Set.class.isAssignableFrom(type)) return Shape.SET;
        if (java.util.Collection.class.isAssignableFrom(type)) return name.equals("toString") ? Shape.COLLECTION : Shape.OWN;
        if (Map.class.isAssignableFrom(type)) return Shape.MAP;
        if (Map.Entry.class.isAssignableFrom(type)) return Shape.ENTRY;
        if (type == java.util.Optional.class) return Shape.OPTIONAL;
        return Shape.OWN;
    }

    /** {@code type.getName()}, a hidden class's address-like suffix replaced by the process's number for the class. */
    public String nameOf(Class<?> type) { return HiddenNames.of(this, type, type.getName()); }

    /** {@code type.getTypeName()}, made like {@link #nameOf}. */
    public String typeNameOf(Class<?> type) { return HiddenNames.of(this, type, type.getTypeName()); }

    /** {@code type.getSimpleName()}, made like {@link #nameOf}. */
    public String simpleNameOf(Class<?> type) { return HiddenNames.of(this, type, type.getSimpleName()); }

    /** {@code type.toGenericString()}, made like {@link #nameOf}. */
    public String genericTextOf(Class<?> type) { return HiddenNames.of(this, type, type.toGenericString()); }

    /** {@code type.descriptorString()}, made like {@link #nameOf}. */
    public String descriptorOf(Class<?> type) { return HiddenNames.of(this, type, type.descriptorString()); }

    /** What a {@code getMessage()} returned, without the class loaders' identity hashes the JVM writes in its messages. */
    public String messageText(String message) { return HiddenNames.withoutLoaderIds(message); }

    /** {@link Objects#toString(Object, String)}: {@code fallback} for null. */
    public String valueOrElse(Object o, String fallback) { return o == null ? fallback : toStringOf(o); }

    /** {@link java.util.Arrays#toString(Object[])}, each element's text as {@link #valueOf}. */
    public String arrayText(Object[] a) { return a == null ? "null" : Aggregates.arrayText(this, a, null); }

    /** {@link java.util.Arrays#deepToString(Object[])}, each element's text as {@link #valueOf}. */
    public String deepText(Object[] a) { return a == null ? "null" : Aggregates.arrayText(this, a, new java.util.ArrayList<>()); }

    /** {@link java.util.Arrays#deepHashCode(Object[])}, each element's hash as {@link #hashCodeOrZero}. */
    public int deepHash(Object[] a) { return Aggregates.deepHash(this, a); }

    /**
     * The arguments of {@code String.format}, {@code formatted} or {@code printf}, an argument whose
     * text or hash would come from the JVM run (an identity object, an aggregate holding one)
     * wrapped so that {@code %s} and {@code %h} read this process's answers instead.
     */
    public Object[] formatArgs(Object[] args) {
        if (args == null) return null;
        Object[] out = null;
        for (int i = 0; i < args.length; i++) {
            if (answersForIt(args[i])) {
                if (out == null) out = args.clone();
                out[i] = new Shown(toStringOf(args[i]), hashCodeOf(args[i]));
            }
        }
        return out == null ? args : out;
    }

    /** The argument of {@code Format.format(Object)}: a MessageFormat's arguments, as one array, made like {@link #formatArgs}. */
    public Object formatArgOf(Object argument) { return argument instanceof Object[] a ? formatArgs(a) : argument; }

    // Method references (Object::toString, List::hashCode, String::valueOf) are called by the JDK,
    // not by rewritten code: these are what the loader makes them refer to. The process is the
    // caller's, bound by the kernel for the life of its thread.

    public static int hashCodeHere(Object o) { return here() == null ? o.hashCode() : here().hashCodeOf(o); }

    public static String toStringHere(Object o) { return here() == null ? o.toString() : here().toStringOf(o); }

    public static String valueOfHere(Object o) { return here() == null ? String.valueOf(o) : here().valueOf(o); }

    public static int hashCodeOrZeroHere(Object o) { return here() == null ? Objects.hashCode(o) : here().hashCodeOrZero(o); }

    public static int identityHere(Object o) { return here() == null ? System.identityHashCode(o) : here().identityOf(o); }

    public static int hashOfHere(Object[] elements) { return here() == null ? java.util.Arrays.hashCode(elements) : here().hashOf(elements); }

    public static String nameHere(Class<?> type) { return here() == null ? type.getName() : here().nameOf(type); }

    public static String messageHere(Throwable t) { return HiddenNames.withoutLoaderIds(t.getMessage()); }

    public static String simpleNameHere(Class<?> type) { return here() == null ? type.getSimpleName() : here().simpleNameOf(type); }

    private static Identities here() { return Signals.CURRENT.isBound() ? Signals.CURRENT.get().identities() : null; }

    /** Spreads the sequence over the int range, as identity hashes are, so hash tables keep their shape. */
    private static int mix(int n) {
        int h = n * 0x9E3779B9;
        h ^= h >>> 16;
        return (h * 0x85EBCA6B) & 0x7FFF_FFFF;
    }

    private int find(Object o) {
        int mask = keys.length - 1;
        for (int i = System.identityHashCode(o) & mask; keys[i] != null; i = (i + 1) & mask) {
            if (keys[i].get() == o) return i;
        }
        return -1;
    }

    private void insert(Object o, int number) {
        int mask = keys.length - 1;
        int i = System.identityHashCode(o) & mask;
        while (keys[i] != null) i = (i + 1) & mask;
        keys[i] = new WeakReference<>(o);
        numbers[i] = number;
        size++;
    }

    /** Doubles the table when the live entries need it, dropping those whose objects are gone. */
    private void grow() {
        var oldKeys = keys;
        var oldNumbers = numbers;
        int live = 0;
        for (var k : oldKeys) if (k != null && k.get() != null) live++;
        int capacity = oldKeys.length;
        while (live + 1 > capacity / 2) capacity *= 2;
        keys = new WeakReference<?>[capacity];
        numbers = new int[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            Object o = oldKeys[i] == null ? null : oldKeys[i].get();
            if (o != null) insert(o, oldNumbers[i]);
        }
    }

    /**
     * Bootstrap the loader puts in place of {@link StringConcatFactory#makeConcatWithConstants} in
     * program classes: the same concatenation, with every argument of a reference type other than
     * {@code String} turned into text by {@link #valueOf} first.
     */
    public static CallSite concat(MethodHandles.Lookup lookup, String name, MethodType type, String recipe, Object... constants)
            throws StringConcatException {
        var identities = of(lookup);
        var asText = type;
        for (int i = 0; i < type.parameterCount(); i++) {
            Class<?> p = type.parameterType(i);
            if (!p.isPrimitive() && p != String.class) asText = asText.changeParameterType(i, String.class);
        }
        var site = StringConcatFactory.makeConcatWithConstants(lookup, name, asText, recipe, constants);
        MethodHandle target = site.getTarget();
        MethodHandle valueOf = VALUE_OF.bindTo(identities);
        for (int i = 0; i < type.parameterCount(); i++) {
            if (asText.parameterType(i) != type.parameterType(i)) {
                target = MethodHandles.filterArguments(target, i, valueOf.asType(MethodType.methodType(String.class, type.parameterType(i))));
            }
        }
        return new java.lang.invoke.ConstantCallSite(target);
    }

    /**
     * The {@code hashCode()} the loader gives a program class that declares none: JDK code (a
     * hash table's, a collection's {@code hashCode} or {@code toString}, {@code Object.toString})
     * calls it where no rewrite of the program's own calls reaches. {@code superHash} is what the
     * superclass's answers; when that is the identity one ({@code Object}'s), the process's
     * number for {@code o} instead, and when the superclass is one of the JDK's aggregates (a
     * program's list), the aggregate's hash from its elements' numbers. {@code Object.toString}
     * calls this too, so it is covered.
     */
    public int hashCodeAbove(Object o, int superHash, Class<?> declaring) {
        Class<?> above = declaring.getSuperclass();
        if (above == null) return identityOf(o);
        var shape = hashShapes.computeIfAbsent(above, t -> shape(t, "hashCode"));
        return shape == Shape.OWN ? superHash : hashBy(shape, o);
    }

    /**
     * Bootstrap the loader puts in place of {@link java.lang.runtime.ObjectMethods#bootstrap} in
     * program records: {@code equals} as the JDK makes it; {@code hashCode} and {@code toString}
     * the same, with each component's hash and text from this process's numbers (an enum or plain
     * object component made a record's hash differ from one JVM run to the next).
     */
    public static Object objectMethods(MethodHandles.Lookup lookup, String name, java.lang.invoke.TypeDescriptor type, Class<?> recordClass,
                                       String names, MethodHandle... getters) throws Throwable {
        if (!name.equals("hashCode") && !name.equals("toString")) {
            return java.lang.runtime.ObjectMethods.bootstrap(lookup, name, type, recordClass, names, getters);
        }
        var identities = of(lookup);
        var asObjects = new MethodHandle[getters.length];
        for (int i = 0; i < getters.length; i++) asObjects[i] = getters[i].asType(MethodType.methodType(Object.class, Object.class));
        MethodHandle impl = name.equals("hashCode")
                ? RECORD_HASH.bindTo(identities).bindTo(asObjects)
                : RECORD_TEXT.bindTo(identities).bindTo(recordClass.getSimpleName()).bindTo(names.isEmpty() ? new String[0] : names.split(";"))
                        .bindTo(asObjects);
        return new java.lang.invoke.ConstantCallSite(impl.asType((MethodType) type));
    }

    /** A record's hash as {@code ObjectMethods} computes it ({@code 31 * h + hash(c)} from 0), components hashed here. */
    private static int recordHash(Identities identities, MethodHandle[] getters, Object record) throws Throwable {
        int h = 0;
        for (var g : getters) h = 31 * h + identities.hashCodeOrZero(g.invokeExact(record));
        return h;
    }

    /** A record's text as {@code ObjectMethods} writes it ({@code Name[a=1, b=x]}), components' text from here. */
    private static String recordText(Identities identities, String simpleName, String[] names, MethodHandle[] getters, Object record)
            throws Throwable {
        var b = new StringBuilder(simpleName).append('[');
        for (int i = 0; i < getters.length; i++) {
            if (i > 0) b.append(", ");
            b.append(names[i]).append('=').append(identities.valueOf(getters[i].invokeExact(record)));
        }
        return b.append(']').toString();
    }

    /** Bootstrap of the dynamic constant rewritten program code loads: its process's Identities. */
    public static Identities bootstrap(MethodHandles.Lookup lookup, String name, Class<?> type) { return of(lookup); }

    private static Identities of(MethodHandles.Lookup lookup) {
        if (lookup.lookupClass().getClassLoader() instanceof Signals.Source source) return source.signals().identities();
        throw new IllegalStateException(lookup.lookupClass().getName() + " was not loaded as a PackOS program");
    }

    private static final MethodHandle VALUE_OF, RECORD_HASH, RECORD_TEXT;

    static {
        try {
            var lookup = MethodHandles.lookup();
            VALUE_OF = lookup.findVirtual(Identities.class, "valueOf", MethodType.methodType(String.class, Object.class));
            RECORD_HASH = lookup.findStatic(Identities.class, "recordHash",
                    MethodType.methodType(int.class, Identities.class, MethodHandle[].class, Object.class));
            RECORD_TEXT = lookup.findStatic(Identities.class, "recordText",
                    MethodType.methodType(String.class, Identities.class, String.class, String[].class, MethodHandle[].class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
