package packos.lib.ordered;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code Map.of}, {@code Map.ofEntries} and {@code Map.copyOf} for programs, iterating in the
 * order the entries were given, where the JDK's iterate in an order salted per JVM run (see
 * {@link OrderedSets}). Null keys or values are refused ({@link NullPointerException}), so are
 * duplicate keys given to {@code of} and {@code ofEntries} ({@link IllegalArgumentException})
 * and every change ({@link UnsupportedOperationException}).
 */
public final class OrderedMaps {
    private OrderedMaps() {}

    public static <K, V> Map<K, V> of() { return fromPairs(); }

    public static <K, V> Map<K, V> of(K k1, V v1) { return fromPairs(k1, v1); }

    public static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2) { return fromPairs(k1, v1, k2, v2); }

    public static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2, K k3, V v3) { return fromPairs(k1, v1, k2, v2, k3, v3); }

    public static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4) { return fromPairs(k1, v1, k2, v2, k3, v3, k4, v4); }

    public static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4, K k5, V v5) { return fromPairs(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5); }

    public static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4, K k5, V v5, K k6, V v6) { return fromPairs(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6); }

    public static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4, K k5, V v5, K k6, V v6, K k7, V v7) { return fromPairs(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7); }

    public static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4, K k5, V v5, K k6, V v6, K k7, V v7, K k8, V v8) { return fromPairs(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8); }

    public static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4, K k5, V v5, K k6, V v6, K k7, V v7, K k8, V v8, K k9, V v9) { return fromPairs(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8, k9, v9); }

    public static <K, V> Map<K, V> of(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4, K k5, V v5, K k6, V v6, K k7, V v7, K k8, V v8, K k9, V v9, K k10, V v10) { return fromPairs(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8, k9, v9, k10, v10); }

    @SafeVarargs
    public static <K, V> Map<K, V> ofEntries(Map.Entry<? extends K, ? extends V>... entries) {
        var map = LinkedHashMap.<K, V>newLinkedHashMap(entries.length);
        for (var e : entries) put(map, e.getKey(), e.getValue());
        return Collections.unmodifiableMap(map);
    }

    public static <K, V> Map<K, V> copyOf(Map<? extends K, ? extends V> source) {
        var map = LinkedHashMap.<K, V>newLinkedHashMap(source.size());
        for (var e : source.entrySet()) map.put(Objects.requireNonNull(e.getKey()), Objects.requireNonNull(e.getValue()));
        return Collections.unmodifiableMap(map);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> fromPairs(Object... pairs) {
        var map = LinkedHashMap.<K, V>newLinkedHashMap(pairs.length / 2);
        for (int i = 0; i < pairs.length; i += 2) put(map, (K) pairs[i], (V) pairs[i + 1]);
        return Collections.unmodifiableMap(map);
    }

    private static <K, V> void put(Map<K, V> map, K key, V value) {
        if (map.putIfAbsent(Objects.requireNonNull(key), Objects.requireNonNull(value)) != null) {
            throw new IllegalArgumentException("duplicate key: " + key);
        }
    }
}
