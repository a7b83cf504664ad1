package packos.lib.ordered;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * {@code Set.of} and {@code Set.copyOf} for programs, iterating in the order the elements were
 * given. The JDK's unmodifiable sets iterate in an order salted per JVM run ({@code
 * ImmutableCollections.SALT32L}, from the host clock), so the same program printed its sets in a
 * different order from one run to the next: the loader sends a program's calls here instead.
 * Like the JDK's, these refuse null elements ({@link NullPointerException}), duplicates given to
 * {@code of} ({@link IllegalArgumentException}) and every change
 * ({@link UnsupportedOperationException}).
 */
public final class OrderedSets {
    private OrderedSets() {}

    public static <E> Set<E> of() { return fromElements(); }

    public static <E> Set<E> of(E e1) { return fromElements(e1); }

    public static <E> Set<E> of(E e1, E e2) { return fromElements(e1, e2); }

    public static <E> Set<E> of(E e1, E e2, E e3) { return fromElements(e1, e2, e3); }

    public static <E> Set<E> of(E e1, E e2, E e3, E e4) { return fromElements(e1, e2, e3, e4); }

    public static <E> Set<E> of(E e1, E e2, E e3, E e4, E e5) { return fromElements(e1, e2, e3, e4, e5); }

    public static <E> Set<E> of(E e1, E e2, E e3, E e4, E e5, E e6) { return fromElements(e1, e2, e3, e4, e5, e6); }

    public static <E> Set<E> of(E e1, E e2, E e3, E e4, E e5, E e6, E e7) { return fromElements(e1, e2, e3, e4, e5, e6, e7); }

    public static <E> Set<E> of(E e1, E e2, E e3, E e4, E e5, E e6, E e7, E e8) { return fromElements(e1, e2, e3, e4, e5, e6, e7, e8); }

    public static <E> Set<E> of(E e1, E e2, E e3, E e4, E e5, E e6, E e7, E e8, E e9) { return fromElements(e1, e2, e3, e4, e5, e6, e7, e8, e9); }

    public static <E> Set<E> of(E e1, E e2, E e3, E e4, E e5, E e6, E e7, E e8, E e9, E e10) { return fromElements(e1, e2, e3, e4, e5, e6, e7, e8, e9, e10); }

    @SafeVarargs
    public static <E> Set<E> of(E... elements) { return fromElements(elements); }

    public static <E> Set<E> copyOf(Collection<? extends E> elements) {
        var set = new LinkedHashSet<E>();
        for (E e : elements) set.add(Objects.requireNonNull(e));
        return Collections.unmodifiableSet(set);
    }

    @SafeVarargs
    private static <E> Set<E> fromElements(E... elements) {
        var set = LinkedHashSet.<E>newLinkedHashSet(elements.length);
        for (E e : elements) {
            if (!set.add(Objects.requireNonNull(e))) throw new IllegalArgumentException("duplicate element: " + e);
        }
        return Collections.unmodifiableSet(set);
    }
}
