package packos.hostile.determinism;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import packos.lib.Process;
import packos.lib.Program;

/**
 * An honest program whose output, on a plain JVM, depends on the run: identity hash codes (plain
 * objects, arrays, enums, lambdas) and the JDK's per-run salt for Set.of and Map.of. Every line it
 * prints must be the same in every run with the same seed.
 */
public final class HashLeaks implements Program {
    enum Color { RED, GREEN, BLUE, CYAN, MAGENTA, YELLOW, BLACK, WHITE }

    /** A class of the program's own that keeps Object's hashCode and toString. */
    static final class Plain {}

    /** A program's own hash map, anonymous subclass included. */
    static final class Registry extends HashMap<Object, String> {}

    @Override
    public void main(Process self) {
        var colors = EnumSet.allOf(Color.class);
        self.print("object " + new Object() + " hash " + new Object().hashCode());
        self.print("array " + new int[3] + " " + Arrays.hashCode(new Object[] {Color.RED, new Plain()}));
        self.print("plain " + new Plain() + " super " + new Plain().hashCode());
        self.print("enum hash " + Color.BLUE.hashCode() + " objects " + Objects.hash(Color.RED, Color.WHITE) + " " + Objects.hashCode(Color.CYAN));
        self.print("hash set " + new HashSet<>(colors));
        Set<Color> hashed = new HashSet<>();
        for (Color c : Color.values()) hashed.add(c);
        self.print("hash set by hand " + hashed);
        Map<Color, Integer> map = new HashMap<>();
        for (Color c : Color.values()) map.put(c, c.ordinal());
        self.print("hash map " + map);
        self.print("new hash map " + HashMap.newHashMap(8).getClass().getSimpleName());
        self.print("set of " + Set.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"));
        self.print("set of enums " + Set.of(Color.values()));
        self.print("map of " + Map.of("one", 1, "two", 2, "three", 3, "four", 4, "five", 5));
        self.print("copy of " + Set.copyOf(List.of(Color.values())) + " " + Map.copyOf(new LinkedHashMap<>(map)));
        self.print("to set " + Stream.of(Color.values()).collect(Collectors.toSet()));
        self.print("grouping " + Stream.of(Color.values()).collect(Collectors.groupingBy(c -> c.name().length() > 4 ? c : Color.RED)));
        self.print("to map " + Stream.of(Color.values()).collect(Collectors.toMap(c -> c, Enum::name)));
        Supplier<Set<Color>> supplier = HashSet::new;
        self.print("supplied " + Stream.of(Color.values()).collect(Collectors.toCollection(supplier)));
        var registry = new Registry();
        var anonymous = new HashMap<Object, String>() { };
        for (Color c : Color.values()) {
            registry.put(c, c.name());
            anonymous.put(c, c.name());
        }
        self.print("subclass " + registry.keySet() + " anonymous " + anonymous.keySet());
        Runnable lambda = () -> { };
        var keys = new HashSet<Object>(List.of(new Plain(), new Plain(), new Plain()));
        var order = new ArrayList<Integer>();
        for (Object k : keys) order.add(k.hashCode());
        self.print("lambda " + lambda.toString().startsWith(HashLeaks.class.getName()) + " objects in a set " + order);
        self.print("builder " + new StringBuilder().append(new Object()).append(new int[0]));
        self.print("value of " + String.valueOf(new Plain()) + " " + Objects.toString(new Object()));
        // What JDK code asks of the program's objects, beyond the program's own calls.
        self.print("record " + new Tagged(Color.GREEN, new Plain(), 7).hashCode() + " " + new Tagged(Color.RED, new Plain(), 8));
        self.print("inside collections " + List.of(new Plain(), new Plain()) + " hash " + List.of(new Plain(), new Plain()).hashCode()
                + " " + Map.entry(new Plain(), 1).hashCode());
        self.print("inside text " + Objects.toString(null, "none") + " " + String.format("%s", new Plain())
                + " " + new RuntimeException(new Plain().toString()).getMessage());
        // Identity hashes inside the JDK's own aggregates, texts and method references.
        self.print("aggregate hashes " + List.of(Color.RED, Color.BLUE).hashCode() + " " + EnumSet.of(Color.RED).hashCode()
                + " " + Map.entry(Color.RED, 1).hashCode() + " " + Optional.of(Color.GREEN).hashCode() + " " + List.of(new Object()).hashCode()
                + " " + List.of(new int[1]).hashCode() + " " + Set.of(RoundingMode.UP, RoundingMode.DOWN).hashCode()
                + " " + List.of(List.of(lambda)).hashCode() + " " + new ArrayList<>(List.of(Color.CYAN)).hashCode());
        self.print("aggregate texts " + List.of(new Object()) + " " + Optional.of(new Object()) + " " + Map.of("k", new Object())
                + " " + Arrays.toString(new Object[] {new Object()}) + " " + Arrays.deepToString(new Object[] {new Object[] {new Object()}})
                + " " + Arrays.asList(new int[0]));
        self.print("deep hash " + Arrays.deepHashCode(new Object[] {new Object[] {Color.RED, new Object()}}));
        self.print("format " + String.format("%s %h %S %-30s|", new Object(), Color.RED, List.of(new Object()), new Plain())
                + " " + "%s %h".formatted(new int[0], new Object()));
        self.print("method refs " + Stream.of(new Object(), Color.RED).map(Object::toString).toList()
                + " " + Stream.of(Color.RED, Color.BLUE).mapToInt(Object::hashCode).sum() + " " + Stream.of(new Object()).map(String::valueOf).toList()
                + " " + Stream.of(List.of(Color.RED)).mapToInt(List::hashCode).sum() + " " + Stream.of(new Object()).map(Objects::toString).toList());
        self.print("lambda text " + lambda + " " + lambda.getClass().getName() + " " + lambda.getClass().getSimpleName());
        var text = new java.io.StringWriter();
        var writer = new java.io.PrintWriter(text);
        writer.print(new Object());
        writer.println(List.of(Color.RED, new Object()));
        writer.flush();
        self.print("writer " + text.toString().strip());
        self.print("insert " + new StringBuilder("x").insert(0, new Object()));
        self.print("message format " + java.text.MessageFormat.format("{0} {1}", new Object(), List.of(new Object()))
                + " " + new java.text.MessageFormat("{0}|{1}").format(new Object[] {new Object(), Color.RED}));
        self.print("formatted list " + String.join(",", Stream.of(new Plain(), new Plain()).map(Object::toString).toList()));
    }

    record Tagged(Color color, Plain plain, int n) {}
}
