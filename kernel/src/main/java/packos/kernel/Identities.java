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

    /** Bootstrap of the dynamic constant rewritten program code loads: its process's Identities. */
    public static Identities bootstrap(MethodHandles.Lookup lookup, String name, Class<?> type) { return of(lookup); }

    private static Identities of(MethodHandles.Lookup lookup) {
        if (lookup.lookupClass().getClassLoader() instanceof Signals.Source source) return source.signals().identities();
        throw new IllegalStateException(lookup.lookupClass().getName() + " was not loaded as a PackOS program");
    }

    private static final MethodHandle VALUE_OF;

    static {
        try {
            VALUE_OF = MethodHandles.lookup().findVirtual(Identities.class, "valueOf", MethodType.methodType(String.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
