/**
 * Insertion-ordered stand-ins for the JDK's hash-ordered collection factories. The loader rewrites
 * a program's calls to {@code Set.of}, {@code Map.of}, the {@code copyOf}s, the hash-gathering
 * {@code Collectors}, and its {@code new HashMap}/{@code new HashSet}, to these and to {@code
 * LinkedHashMap}/{@code LinkedHashSet}, so that what a program iterates comes out in the same order
 * in every run: the JDK's orders depend on a per-run salt and on identity hash codes.
 */
package packos.lib.ordered;
