package packos.host.capture;

import java.io.Flushable;
import java.io.IOException;
import java.util.Objects;
import packos.kernel.Address;
import packos.kernel.KanTap;

/**
 * Records every packet the KAN delivers into a capture, on an interface named "kan" carrying raw
 * IPv6. Timestamps are the machine time the kernel gives, so a virtual-time run captures the same
 * bytes every time.
 *
 * <p>The KAN header is not part of the packet, so when its addresses differ from the IPv6 header's
 * (a packet the router forwarded) they are kept in the packet's comment: "kan SRC -> DST".
 *
 * <p>The kernel calls {@link #delivered} under its lock and cannot handle an I/O error, so the first
 * error stops the capture instead of the machine; {@link #flush} reports it.
 */
public final class KanCapture implements KanTap, Flushable {
    public static final String INTERFACE_NAME = "kan";
    /** The largest IPv6 packet without a jumbogram: nothing on the KAN is cut. */
    public static final int SNAP_LEN = 65535;

    private static final int IPV6_HEADER = 40;
    private static final int IPV6_SOURCE = 8;
    private static final int IPV6_DESTINATION = 24;

    private final PcapngWriter writer;
    private final int interfaceId;
    private long packets;
    private IOException failure;

    /** Adds the "kan" interface to {@code writer}, which the caller still owns and closes. */
    public KanCapture(PcapngWriter writer) throws IOException {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.interfaceId = writer.addInterface(PcapngWriter.LINKTYPE_IPV6, INTERFACE_NAME, SNAP_LEN);
    }

    @Override
    public synchronized void delivered(long machineTimeNanos, Address kanSource, Address kanDestination, byte[] ipv6Packet, int length) {
        if (failure != null) return;
        try {
            writer.write(interfaceId, machineTimeNanos, ipv6Packet, 0, length, linkComment(kanSource, kanDestination, ipv6Packet, length));
            packets++;
        } catch (IOException e) {
            failure = e;
        }
    }

    /** How many packets have been written. */
    public synchronized long packets() { return packets; }

    /** Flushes the writer, or throws the error that stopped the capture. */
    @Override
    public synchronized void flush() throws IOException {
        if (failure != null) throw new IOException("KAN capture stopped after " + packets + " packets: " + failure.getMessage(), failure);
        writer.flush();
    }

    private static String linkComment(Address kanSource, Address kanDestination, byte[] packet, int length) {
        if (length >= IPV6_HEADER
                && kanSource.equals(Address.fromBytes(packet, IPV6_SOURCE))
                && kanDestination.equals(Address.fromBytes(packet, IPV6_DESTINATION))) {
            return null;
        }
        return "kan " + kanSource + " -> " + kanDestination;
    }
}
