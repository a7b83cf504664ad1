package packos.lib.pci;

import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.net.Network;
import packos.lib.net.TcpSocket;
import packos.lib.wire.MalformedPacketException;

/**
 * A connection to the PCI service. Each call sends one request and waits for its reply; a reply
 * whose op or requestId does not match is a {@code PROTOCOL_ERROR}, and the service's error is
 * thrown as a {@link KernelException} with its code (a device held by another driver is
 * {@code RESOURCE_IN_USE}, an index past the filtered list {@code NO_SUCH_DEVICE}).
 */
public final class PciClient implements AutoCloseable {
    private final TcpSocket socket;
    private int nextRequestId = 1;

    private PciClient(TcpSocket socket) { this.socket = socket; }

    /** Connects to the service at {@code service}, TCP {@link PciProtocol#PORT}. */
    public static PciClient connect(Network net, Address service) {
        return new PciClient(net.connect(service, PciProtocol.PORT));
    }

    /** From now on this connection sees only the devices {@code filter} passes. */
    public void setFilter(PciFilter filter) { call(new PciRequest.SetFilter(nextId(), filter)); }

    /** How many devices pass the filter. */
    public int count() { return ((PciReply.Count) call(new PciRequest.GetNumDevices(nextId())).body()).devices(); }

    /** The {@code index}-th device that passes the filter. */
    public PciDevice device(int index) { return ((PciReply.Device) call(new PciRequest.GetDevice(nextId(), index)).body()).device(); }

    /** Makes this process the device's owner; granted again to the same address (a restarted driver). */
    public void reserve(int index) { call(new PciRequest.ReserveDevice(nextId(), index)); }

    /** Gives the device back; only its owner may. */
    public void release(int index) { call(new PciRequest.ReleaseDevice(nextId(), index)); }

    /** Sets the device's I/O decode, memory decode and bus mastering; only its owner may. */
    public void enable(int index, boolean io, boolean memory, boolean busMaster) {
        call(new PciRequest.EnableDevice(nextId(), index, io, memory, busMaster));
    }

    @Override
    public void close() { socket.close(); }

    private int nextId() { return nextRequestId++; }

    private PciReply call(PciRequest request) {
        socket.write(request.encode());
        var answer = new byte[PciProtocol.REPLY_LENGTH];
        int n = socket.readFully(answer, 0, answer.length);
        if (n != answer.length) throw new KernelException(ErrorCode.PROTOCOL_ERROR, "the PCI service closed the connection after " + n + " of " + answer.length + " reply bytes");
        PciReply reply;
        try {
            reply = PciReply.decode(answer);
        } catch (MalformedPacketException e) {
            throw new KernelException(ErrorCode.PROTOCOL_ERROR, e.getMessage());
        }
        if (reply.op() != request.op() || reply.requestId() != request.requestId()) {
            throw new KernelException(ErrorCode.PROTOCOL_ERROR, "PCI reply op " + reply.op() + " id " + reply.requestId() + " does not answer op " + request.op() + " id " + request.requestId());
        }
        if (reply.error() != ErrorCode.NONE) throw new KernelException(reply.error(), "the PCI service refused " + request);
        return reply;
    }
}
