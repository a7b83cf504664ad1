package packos.lib.wire;

import packos.kernel.Address;
import packos.kernel.Packet;

/** A whole IPv6 packet carrying one UDP datagram and no extension headers. */
public final class UdpDatagram {
    public static final int HEADERS_LENGTH = Ipv6Header.LENGTH + UdpHeader.LENGTH;
    public static final int MAX_DATA_LENGTH = Ipv6Header.MAX_PAYLOAD_LENGTH - UdpHeader.LENGTH;

    private UdpDatagram() {}

    /** Writes the IPv6 header, the UDP header with its checksum and the data; sets the packet's length. */
    public static UdpHeader emit(Packet p, Address source, int sourcePort, Address destination, int destinationPort,
                                 byte[] data, int off, int len, int hopLimit) {
        if (len < 0 || len > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("UDP data of " + len + " bytes is not in 0.." + MAX_DATA_LENGTH);
        }
        Ipv6Header.emit(p, 0, 0, UdpHeader.LENGTH + len, Ipv6Header.UDP, hopLimit, source, destination);
        p.put(HEADERS_LENGTH, data, off, len);
        return UdpHeader.emit(p, Ipv6Header.LENGTH, sourcePort, destinationPort, UdpHeader.LENGTH + len, source, destination);
    }
}
