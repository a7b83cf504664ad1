package packos.lib.tcp;

import packos.kernel.Address;

/** RFC 6528 initial sequence numbers: a 4-microsecond clock plus a keyed hash of the connection's identity. SKELETON. */
public final class InitialSequenceNumbers {
    public InitialSequenceNumbers(long secret) { throw new UnsupportedOperationException(); }

    public long next(Address local, int localPort, Address remote, int remotePort, long nowNanos) { throw new UnsupportedOperationException(); }
}
