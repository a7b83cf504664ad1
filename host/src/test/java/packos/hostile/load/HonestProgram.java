package packos.hostile.load;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;

/**
 * The control: not hostile. An honest program using what the language and the allowed library
 * give (records, enums, sealed types and pattern switches, lambdas, streams, string concatenation
 * and formatting, collections, regex, big numbers, java.time values, heap buffers, seeded
 * randomness, try-with-resources, assertions). It must pass the verifier and print
 * {@code honest: ...} with the same result every run.
 */
public final class HonestProgram implements Program {
    sealed interface Shape permits Circle, Square { }

    record Circle(int r) implements Shape { }

    record Square(int side) implements Shape { }

    enum Colour { RED, GREEN, BLUE }

    /** Something to close, for try-with-resources. */
    static final class Resource implements AutoCloseable {
        int closed;

        @Override
        public void close() { closed++; }
    }

    @Override
    public void main(Process self) throws Exception {
        assert self != null : "a process";
        var random = new Random(42);
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < 10; i++) shapes.add(random.nextBoolean() ? new Circle(i) : new Square(i));
        int area = 0;
        for (Shape s : shapes) {
            area += switch (s) {
                case Circle(int r) when r > 5 -> 3 * r * r;
                case Circle c -> c.r();
                case Square(int side) -> side * side;
            };
        }
        var byColour = new EnumMap<Colour, Integer>(Colour.class);
        for (Colour c : Colour.values()) {
            byColour.put(c, switch (c) { case RED -> 1; case GREEN -> 2; case BLUE -> 3; });
        }
        Map<Boolean, Long> evens = IntStream.rangeClosed(1, 100).boxed()
                .collect(Collectors.partitioningBy(n -> n % 2 == 0, Collectors.counting()));
        var words = Pattern.compile("\\s+").splitAsStream("the quick brown fox jumps over the lazy dog")
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        var sorted = new ArrayList<>(words.keySet());
        sorted.sort(Comparator.comparing(String::length).thenComparing(Comparator.reverseOrder()));
        BigInteger factorial = BigInteger.ONE;
        for (int i = 2; i <= 30; i++) factorial = factorial.multiply(BigInteger.valueOf(i));
        var date = LocalDate.of(2026, 11, 25).plusDays(40);
        var wait = Duration.ofMillis(1500).plusSeconds(2);
        var buffer = ByteBuffer.allocate(16).putLong(0x0102030405060708L).flip();
        String hex = HexFormat.of().formatHex(Arrays.copyOf(buffer.array(), 8));
        String b64 = Base64.getEncoder().encodeToString("packos".getBytes(StandardCharsets.UTF_8));
        var queue = new ArrayDeque<Integer>(List.of(3, 1, 2));
        var counts = new HashMap<String, Integer>();
        counts.merge("a", 1, Integer::sum);
        counts.merge("a", 1, Integer::sum);
        Optional<String> longest = words.keySet().stream().max(Comparator.comparingInt(String::length));
        int closed;
        try (var r = new Resource()) {
            closed = r.closed;
        }
        var sb = new StringBuilder();
        for (char ch : "abc".toCharArray()) sb.append(Character.toUpperCase(ch));
        Address kernel = self.sys().kernelAddress();
        String text = String.format("area=%d colours=%s evens=%d words=%d first=%s 30!=%s date=%s wait=%s hex=%s b64=%s queue=%d a=%d "
                        + "longest=%s closed=%d sb=%s kernel-set=%b",
                area, byColour, evens.get(true), words.size(), sorted.getFirst(), factorial, date, wait, hex, b64,
                queue.peekFirst(), counts.get("a"), longest.orElse("?"), closed, sb, kernel != null);
        self.print("honest: " + text + " hash=" + Integer.toHexString(text.hashCode()));
    }
}
