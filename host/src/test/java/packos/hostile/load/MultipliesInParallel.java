package packos.hostile.load;

import java.math.BigInteger;
import packos.lib.Process;
import packos.lib.Program;

/** Hostile: multiplies on the JVM's common fork-join pool, outside its CPU meter. */
public final class MultipliesInParallel implements Program {
    @Override
    public void main(Process self) {
        var big = BigInteger.ONE.shiftLeft(1 << 20).subtract(BigInteger.ONE);
        self.print("bits " + big.parallelMultiply(big).bitLength());
    }
}
