package packos.hostile.freeze;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import packos.lib.Process;
import packos.lib.Program;

/**
 * Loops for ever inside the JDK's stream code, which has no preemption point: the only program
 * code that runs is a trivial lambda that calls nothing ({@code lambda}, the default;
 * {@code iterate}), a boxing one ({@code boxed}), a method of its own class that implements a
 * JDK interface and a method reference to another ({@code supplier}), or no program code at all:
 * method references to JDK methods ({@code reference}).
 */
public final class GeneratedStream implements Program {
    @Override
    public void main(Process self) {
        String how = self.arg(0, "lambda");
        self.print("streaming for ever");
        switch (how) {
            case "lambda" -> IntStream.generate(() -> 1).forEach(x -> { });
            case "boxed" -> Stream.generate(() -> 1).forEach(x -> { });
            case "supplier" -> IntStream.generate(new Ones()).forEach(new Ones()::accept);
            case "iterate" -> IntStream.iterate(0, i -> i + 1).forEach(i -> { });
            case "reference" -> IntStream.iterate(1, Math::abs).forEach(Math::abs);
            default -> throw new IllegalArgumentException(how);
        }
    }

    static final class Ones implements java.util.function.IntSupplier {
        @Override
        public int getAsInt() { return 1; }

        void accept(int x) {
            // nothing
        }
    }
}
