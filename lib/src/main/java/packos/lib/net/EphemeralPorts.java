package packos.lib.net;

import java.util.function.IntPredicate;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/** Hands out ephemeral ports (RFC 6335: 49152..65535) round robin, skipping those in use. One per protocol. */
final class EphemeralPorts {
    static final int FIRST = 49152;
    static final int LAST = 65535;

    private final String protocol;
    private int next = FIRST;

    EphemeralPorts(String protocol) { this.protocol = protocol; }

    /** The next port for which {@code inUse} is false. */
    int take(IntPredicate inUse) {
        for (int i = 0; i <= LAST - FIRST; i++) {
            int p = next;
            next = p == LAST ? FIRST : p + 1;
            if (!inUse.test(p)) return p;
        }
        throw new KernelException(ErrorCode.ALL_ANON_PORTS_BOUND, protocol + " ports " + FIRST + ".." + LAST);
    }
}
