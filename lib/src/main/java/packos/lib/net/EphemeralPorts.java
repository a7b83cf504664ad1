package packos.lib.net;

import java.util.function.IntPredicate;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * Hands out ephemeral ports (RFC 6335: 49152..65535), skipping those in use, one allocator per
 * protocol: round robin from the first, or from an offset the caller draws per destination
 * (RFC 6056's algorithm 3, "simple hash-based port selection").
 */
final class EphemeralPorts {
    static final int FIRST = 49152;
    static final int LAST = 65535;
    private static final int RANGE = LAST - FIRST + 1;

    private final String protocol;
    /** RFC 6056's next_ephemeral: advances with every port tried, so successive picks differ. */
    private int counter;

    EphemeralPorts(String protocol) { this.protocol = protocol; }

    /** The next port, round robin from the first, for which {@code inUse} is false. */
    int take(IntPredicate inUse) { return take(0, inUse); }

    /** The first port from {@code offset} plus the counter, wrapping round the range, for which {@code inUse} is false. */
    int take(int offset, IntPredicate inUse) {
        for (int i = 0; i < RANGE; i++) {
            int p = FIRST + Math.floorMod(offset + counter, RANGE);
            counter = Math.floorMod(counter + 1, RANGE);
            if (!inUse.test(p)) return p;
        }
        throw new KernelException(ErrorCode.ALL_ANON_PORTS_BOUND, protocol + " ports " + FIRST + ".." + LAST);
    }
}
