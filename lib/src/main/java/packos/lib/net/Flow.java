package packos.lib.net;

import packos.kernel.Address;

/** A TCP connection's identity: both ends' addresses and ports, seen from this side. */
record Flow(Address localAddress, int localPort, Address remoteAddress, int remotePort) {
    @Override
    public String toString() { return "[" + localAddress + "]:" + localPort + " <-> [" + remoteAddress + "]:" + remotePort; }
}
