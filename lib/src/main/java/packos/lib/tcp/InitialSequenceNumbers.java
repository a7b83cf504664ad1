package packos.lib.tcp;

import packos.kernel.Address;

/**
 * RFC 6528 initial sequence numbers: ISN = M + F(localip, localport, remoteip, remoteport, secretkey),
 * where M is a clock ticking every 4 microseconds and F is a keyed hash (SipHash-2-4 here) of the
 * connection's identity. The clock is the caller's machine time, so a run is deterministic given
 * the secret; an off-path attacker who does not know the secret cannot predict another
 * connection's ISN, and a new incarnation of the same 4-tuple still starts above the old one.
 */
public final class InitialSequenceNumbers {
    private static final long TICK_NANOS = 4_000;

    private final long k0;
    private final long k1;

    /** {@code secret} is the host's key: chosen once (e.g. from the boot seed), never shown to peers. */
    public InitialSequenceNumbers(long secret) {
        this.k0 = secret;
        this.k1 = Long.rotateLeft(secret * 0x9E3779B97F4A7C15L, 29) ^ 0x736f6d6570736575L;
    }

    /** The ISN for a new connection at {@code nowNanos}, as an unsigned 32-bit value. */
    public long next(Address local, int localPort, Address remote, int remotePort, long nowNanos) {
        long ports = ((long) (localPort & 0xffff) << 16) | (remotePort & 0xffff);
        long f = sipHash(local.high(), local.low(), remote.high(), remote.low(), ports);
        long m = Math.floorDiv(nowNanos, TICK_NANOS);
        return (m + f) & 0xffffffffL;
    }

    /**
     * The offset added to this side's timestamp clock for connections between two addresses, as
     * Linux does (RFC 7323 5.4): TSvals reveal nothing about the host's clock, yet stay monotonic
     * across successive connections between the same addresses, so a new SYN can end the peer's
     * TIME-WAIT by its timestamp (RFC 6191).
     */
    public long timestampOffset(Address local, Address remote) {
        return sipHash(local.high(), local.low(), remote.high(), remote.low(), 0x7473L) >>> 32;
    }

    /**
     * RFC 6056's F(local IP, remote IP, remote port, secret) for algorithm 3: where the search for
     * an ephemeral port to this destination starts. Keyed, so the ports a host picks tell nothing
     * of its secret; a new secret (a restarted process) starts elsewhere.
     */
    public int portOffset(Address local, Address remote, int remotePort) {
        return (int) (sipHash(local.high(), local.low(), remote.high(), remote.low(), 0x706f7274L << 16 | (remotePort & 0xffff)) >>> 33);
    }

    /** SipHash-2-4 (Aumasson and Bernstein) over five 64-bit words, 40 bytes of message. */
    private long sipHash(long m0, long m1, long m2, long m3, long m4) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        long[] words = {m0, m1, m2, m3, m4, 40L << 56};
        for (long m : words) {
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
