package packos.hostile.freeze;

import java.math.BigInteger;
import java.util.stream.LongStream;
import packos.lib.Process;
import packos.lib.Program;

/** Loops inside the JDK without ever calling program code, for longer than anyone will wait. */
public final class EndlessJdkLoop implements Program {
    @Override
    public void main(Process self) {
        String how = self.arg(0, "range");
        self.print("looping in the JDK");
        Object result = switch (how) {
            case "range" -> LongStream.range(0, Long.MAX_VALUE).sum();
            case "prime" -> BigInteger.valueOf(Long.MAX_VALUE).nextProbablePrime().isProbablePrime(Integer.MAX_VALUE);
            case "pow" -> BigInteger.valueOf(3).pow(Integer.MAX_VALUE / 2).bitLength();
            default -> throw new IllegalArgumentException(how);
        };
        self.print("looped: " + result);
    }
}
