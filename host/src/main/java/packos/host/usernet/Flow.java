package packos.host.usernet;

import packos.kernel.Address;

/** A relayed TCP connection's identity on the Ethernet, seen from the virtual host: its end, then PackOS' end. */
record Flow(Address localAddress, int localPort, Address remoteAddress, int remotePort) {
    @Override
    public String toString() { return "[" + localAddress + "]:" + localPort + " <-> [" + remoteAddress + "]:" + remotePort; }
}
