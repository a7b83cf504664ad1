package packos.lib.ordered;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collector;
import java.util.stream.Collectors;

/**
 * The collectors of {@link Collectors} that gather into hash sets and maps, gathering into
 * insertion-ordered ones instead: a hash set's order follows its elements' hash codes, which for
 * enums, lambdas, arrays and plain objects are identity hashes that differ from one JVM run to the
 * next. The loader sends a program's calls here instead; results are the same collections, in
 * the order the stream met their elements.
 */
public final class OrderedCollectors {
    private OrderedCollectors() {}

    public static <T> Collector<T, ?, Set<T>> toSet() { return Collectors.toCollection(LinkedHashSet::new); }

    public static <T, K, U> Collector<T, ?, Map<K, U>> toMap(Function<? super T, ? extends K> key, Function<? super T, ? extends U> value) {
        return Collectors.toMap(key, value, (a, b) -> { throw new IllegalStateException("duplicate key (values " + a + " and " + b + ")"); },
                LinkedHashMap::new);
    }

    public static <T, K, U> Collector<T, ?, Map<K, U>> toMap(Function<? super T, ? extends K> key, Function<? super T, ? extends U> value,
            BinaryOperator<U> merge) {
        return Collectors.toMap(key, value, merge, LinkedHashMap::new);
    }

    public static <T, K> Collector<T, ?, Map<K, List<T>>> groupingBy(Function<? super T, ? extends K> classifier) {
        return Collectors.groupingBy(classifier, LinkedHashMap::new, Collectors.toList());
    }

    public static <T, K, A, D> Collector<T, ?, Map<K, D>> groupingBy(Function<? super T, ? extends K> classifier,
            Collector<? super T, A, D> downstream) {
        return Collectors.groupingBy(classifier, LinkedHashMap::new, downstream);
    }

    public static <T> Collector<T, ?, Set<T>> toUnmodifiableSet() {
        return Collectors.collectingAndThen(Collectors.toCollection(LinkedHashSet::new), OrderedSets::copyOf);
    }

    public static <T, K, U> Collector<T, ?, Map<K, U>> toUnmodifiableMap(Function<? super T, ? extends K> key,
            Function<? super T, ? extends U> value) {
        return Collectors.collectingAndThen(toMap(key, value), OrderedMaps::copyOf);
    }

    public static <T, K, U> Collector<T, ?, Map<K, U>> toUnmodifiableMap(Function<? super T, ? extends K> key,
            Function<? super T, ? extends U> value, BinaryOperator<U> merge) {
        return Collectors.collectingAndThen(toMap(key, value, merge), OrderedMaps::copyOf);
    }
}
