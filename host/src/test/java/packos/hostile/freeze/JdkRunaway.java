package packos.hostile.freeze;

import java.math.BigInteger;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import packos.lib.Process;
import packos.lib.Program;

/**
 * Runs away inside JDK code that calls no program code back. Streams whose source and stages are
 * all the JDK's: a sum over every long ({@code range}), a list of every long, which fills memory
 * as it goes ({@code boxed}), the same sorted, which buffers it all before passing anything on
 * ({@code sorted}), and an endless iteration of the JDK's identity function ({@code iterate}).
 * Arithmetic on huge numbers, with no stream at all: a modular power of numbers a million bits
 * long ({@code modpow}) and a power with a result of a billion bits ({@code pow}).
 */
public final class JdkRunaway implements Program {
    @Override
    public void main(Process self) {
        String how = self.arg(0, "range");
        self.print("running away in the JDK: " + how);
        long result = switch (how) {
            case "range" -> LongStream.range(0, Long.MAX_VALUE).sum();
            case "boxed" -> LongStream.range(0, Long.MAX_VALUE).boxed().toList().size();
            case "sorted" -> LongStream.range(0, Long.MAX_VALUE).boxed().sorted().toList().size();
            case "iterate" -> Stream.iterate("x", UnaryOperator.identity()).toList().size();
            case "modpow" -> {
                var big = BigInteger.ONE.shiftLeft(1 << 20).subtract(BigInteger.valueOf(3));
                yield big.modPow(big.subtract(BigInteger.TWO), big.add(BigInteger.TWO)).longValue();
            }
            case "pow" -> BigInteger.TEN.pow(1 << 28).bitLength();
            default -> throw new IllegalArgumentException(how);
        };
        self.print("came back with " + result);
    }
}
