package packos.kernel;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hash codes and texts of the JDK's aggregates (lists, sets, maps, their entries, optionals,
 * arrays) by the contracts their interfaces document, with every element asked through a
 * process's {@link Identities}. The JDK's own implementations ask the elements themselves, and an
 * element whose hash is an identity one (an enum constant, a plain object, an array, a lambda)
 * made {@code List.of(Color.RED).hashCode()} differ from one JVM run to the next.
 */
final class Aggregates {
    private Aggregates() {}

    static int listHash(Identities ids, List<?> list) {
        int h = 1;
        for (Object e : list) h = 31 * h + ids.hashCodeOrZero(e);
        return h;
    }

    static int setHash(Identities ids, Set<?> set) {
        int h = 0;
        for (Object e : set) h += ids.hashCodeOrZero(e);
        return h;
    }

    static int mapHash(Identities ids, Map<?, ?> map) {
        int h = 0;
        for (var e : map.entrySet()) h += entryHash(ids, e);
        return h;
    }

    static int entryHash(Identities ids, Map.Entry<?, ?> e) { return ids.hashCodeOrZero(e.getKey()) ^ ids.hashCodeOrZero(e.getValue()); }

    /** {@code AbstractCollection.toString}: {@code [a, b]}, the collection itself as {@code (this Collection)}. */
    static String collectionText(Identities ids, Collection<?> c) {
        var b = new StringBuilder("[");
        boolean first = true;
        for (Object e : c) {
            if (!first) b.append(", ");
            first = false;
            b.append(e == c ? "(this Collection)" : ids.valueOf(e));
        }
        return b.append(']').toString();
    }

    /** {@code AbstractMap.toString}: {@code {k=v, k2=v2}}, the map itself as {@code (this Map)}. */
    static String mapText(Identities ids, Map<?, ?> map) {
        var b = new StringBuilder("{");
        boolean first = true;
        for (var e : map.entrySet()) {
            if (!first) b.append(", ");
            first = false;
            b.append(e.getKey() == map ? "(this Map)" : ids.valueOf(e.getKey())).append('=')
                    .append(e.getValue() == map ? "(this Map)" : ids.valueOf(e.getValue()));
        }
        return b.append('}').toString();
    }

    static String entryText(Identities ids, Map.Entry<?, ?> e) { return ids.valueOf(e.getKey()) + "=" + ids.valueOf(e.getValue()); }

    static String optionalText(Identities ids, Optional<?> o) { return o.isPresent() ? "Optional[" + ids.valueOf(o.get()) + "]" : "Optional.empty"; }

    /**
     * {@code Arrays.toString(Object[])}, or {@code Arrays.deepToString} when {@code open} (the
     * arrays being written, for the {@code [...]} a cycle gets) is given.
     */
    static String arrayText(Identities ids, Object[] a, List<Object[]> open) {
        if (open != null) open.add(a);
        var b = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            if (i > 0) b.append(", ");
            Object e = a[i];
            if (open == null || e == null || !e.getClass().isArray()) {
                b.append(ids.valueOf(e));
            } else if (e instanceof Object[] inner) {
                b.append(open.stream().anyMatch(x -> x == inner) ? "[...]" : arrayText(ids, inner, open));
            } else {
                b.append(primitiveText(e));
            }
        }
        if (open != null) open.removeLast();
        return b.append(']').toString();
    }

    /** {@code Arrays.deepHashCode}. */
    static int deepHash(Identities ids, Object[] a) {
        if (a == null) return 0;
        int h = 1;
        for (Object e : a) {
            int eh = e instanceof Object[] inner ? deepHash(ids, inner)
                    : e != null && e.getClass().isArray() ? primitiveHash(e) : ids.hashCodeOrZero(e);
            h = 31 * h + eh;
        }
        return h;
    }

    private static String primitiveText(Object array) {
        return switch (array) {
            case int[] x -> Arrays.toString(x);
            case long[] x -> Arrays.toString(x);
            case byte[] x -> Arrays.toString(x);
            case short[] x -> Arrays.toString(x);
            case char[] x -> Arrays.toString(x);
            case boolean[] x -> Arrays.toString(x);
            case float[] x -> Arrays.toString(x);
            case double[] x -> Arrays.toString(x);
            default -> throw new IllegalArgumentException("not a primitive array: " + array.getClass().getName());
        };
    }

    private static int primitiveHash(Object array) {
        return switch (array) {
            case int[] x -> Arrays.hashCode(x);
            case long[] x -> Arrays.hashCode(x);
            case byte[] x -> Arrays.hashCode(x);
            case short[] x -> Arrays.hashCode(x);
            case char[] x -> Arrays.hashCode(x);
            case boolean[] x -> Arrays.hashCode(x);
            case float[] x -> Arrays.hashCode(x);
            case double[] x -> Arrays.hashCode(x);
            default -> throw new IllegalArgumentException("not a primitive array: " + array.getClass().getName());
        };
    }
}
