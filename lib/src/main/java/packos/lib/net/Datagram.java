package packos.lib.net;

import java.nio.charset.StandardCharsets;
import packos.kernel.Address;

/** A received UDP datagram: who sent it, to which of our addresses and ports, and its data (a copy). */
public record Datagram(Address source, int sourcePort, Address destination, int destinationPort, byte[] data) {
    public String text() { return new String(data, StandardCharsets.UTF_8); }
}
