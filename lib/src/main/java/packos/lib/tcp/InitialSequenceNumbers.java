package packos.lib.tcp;

import packos.kernel.Address;

/**
 * RFC 6528 initial sequence numbers: ISN = M + F(localip, localport, remoteip, remoteport, secretkey),
 * where M is a clock ticking every 4 microseconds and F is a keyed hash ({@link SipHash} here) of the
 * connection's identity. The clock is the caller's machine time, so a run is deterministic given
 * the secret; an off-path attacker who does not know the secret cannot predict another
 * connection's ISN, and a new incarnation of the same 4-tuple still starts above the old one.
 */
public final class InitialSequenceNumbers {
    private static final long TICK_NANOS = 4_000;

    private final SipHash hash;

    /** {@code secret} is the host's key: chosen once (e.g. from the boot seed), never shown to peers. */
    public InitialSequenceNumbers(long secret) {
        this.hash = new SipHash(secret);
    }

    /** The ISN for a new connection at {@code nowNanos}, as an unsigned 32-bit value. */
    public long next(Address local, int localPort, Address remote, int remotePort, long nowNanos) {
        long ports = ((long) (localPort & 0xffff) << 16) | (remotePort & 0xffff);
        long f = hash.hash(local.high(), local.low(), remote.high(), remote.low(), ports);
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
        return hash.hash(local.high(), local.low(), remote.high(), remote.low(), 0x7473L) >>> 32;
    }

    /**
     * RFC 6056's F(local IP, remote IP, remote port, secret) for algorithm 3: where the search for
     * an ephemeral port to this destination starts. Keyed, so the ports a host picks tell nothing
     * of its secret; a new secret (a restarted process) starts elsewhere.
     */
    public int portOffset(Address local, Address remote, int remotePort) {
        return (int) (hash.hash(local.high(), local.low(), remote.high(), remote.low(), 0x706f7274L << 16 | (remotePort & 0xffff)) >>> 33);
    }
}
