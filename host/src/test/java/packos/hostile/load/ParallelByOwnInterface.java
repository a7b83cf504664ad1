package packos.hostile.load;

import java.math.BigInteger;
import packos.lib.Process;
import packos.lib.Program;

/**
 * Hostile: calls BigInteger.parallelMultiply through an interface of its own: the call names only
 * program classes, and the JVM runs the method its class inherits from BigInteger.
 */
public final class ParallelByOwnInterface implements Program {
    interface Multiplier {
        BigInteger parallelMultiply(BigInteger by);
    }

    static final class Big extends BigInteger implements Multiplier {
        private static final long serialVersionUID = 1;

        Big(String digits) { super(digits); }
    }

    @Override
    public void main(Process self) {
        Multiplier m = new Big("1".repeat(100_000));
        self.print("bits " + m.parallelMultiply(BigInteger.TEN.pow(100_000)).bitLength());
    }
}
