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
 * asked of it; a one-CPU run in virtual time asks in the same order every time.
 *
 * <p>One per process, used by its own thread only (the kernel refuses kernel calls from others).
 */
public final class Identities {
    /** Whether a class's {@code hashCode} is the identity one, by class: a process uses few. */
    private final Map<Class<?>, Boolean> identityHashed = new HashMap<>();
    private final Map<Class<?>, Boolean> identityNamed = new HashMap<>();
    private WeakReference<?>[] keys = new WeakReference<?>[64];
    private int[] numbers = new int[64];
    private int size;
    private int next;

    /** {@code o.hashCode()}, with an identity hash replaced by the process's number for {@code o}. */
    public int hashCodeOf(Object o) {
        Objects.requireNonNull(o);
        return isIdentityHashed(o.getClass()) ? identityOf(o) : o.hashCode();
    }

    /** {@code o.toString()}, with {@code Object}'s {@code Class@hash} made of the process's number. */
    public String toStringOf(Object o) {
        Objects.requireNonNull(o);
        return isIdentityNamed(o.getClass()) ? o.getClass().getName() + "@" + Integer.toHexString(hashCodeOf(o)) : o.toString();
    }

    /** {@code Object.toString} as a program's {@code super.toString()} reaches it: the class name and the process's number. */
    public String identityString(Object o) { return o.getClass().getName() + "@" + Integer.toHexString(identityOf(o)); }

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

    private boolean isIdentityHashed(Class<?> type) {
        return identityHashed.computeIfAbsent(type, t -> declares(t, "hashCode", Object.class, Enum.class));
    }

    private boolean isIdentityNamed(Class<?> type) {
        return identityNamed.computeIfAbsent(type, t -> declares(t, "toString", Object.class));
    }

    /** Whether the public no-argument method {@code name} of {@code type} is the one one of {@code owners} declares. */
    private static boolean declares(Class<?> type, String name, Class<?>... owners) {
        try {
            var declaring = type.getMethod(name).getDeclaringClass();
            return List.of(owners).contains(declaring);
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

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
     * number for {@code o} instead. {@code Object.toString} calls this too, so it is covered.
     */
    public int hashCodeAbove(Object o, int superHash, Class<?> declaring) {
        Class<?> above = declaring.getSuperclass();
        return above == null || isIdentityHashed(above) ? identityOf(o) : superHash;
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
