package packos.lib.net;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * A UDP socket bound to a port of its process. Receiving pulls packets from the process's one KAN
 * queue and sorts them into the sockets they are for, so waiting on one socket never loses
 * another's datagrams.
 */
public final class UdpSocket implements Pollable, AutoCloseable {
    /** Datagrams held per socket before new ones are dropped (and counted). */
    public static final int QUEUE_LIMIT = 256;

    private final Network net;
    private final int port;
    private final ArrayDeque<Datagram> queue = new ArrayDeque<>();
    private KernelException pendingError;
    private java.util.function.Consumer<IcmpReport> errorHandler;
    private boolean closed;
    private long dropped;

    UdpSocket(Network net, int port) {
        this.net = net;
        this.port = port;
    }

    public int port() { return port; }

    public Address address() { return net.kan().address(); }

    /** Sends {@code data} to {@code destination}:{@code destinationPort}; waits (yielding) while the receiver's queue is full. */
    public void send(Address destination, int destinationPort, byte[] data) { send(destination, destinationPort, data, 0, data.length); }

    public void send(Address destination, int destinationPort, byte[] data, int off, int len) {
        checkOpen();
        net.sendUdp(port, destination, destinationPort, data, off, len, true);
    }

    public void send(Address destination, int destinationPort, String text) {
        send(destination, destinationPort, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Like send, but gives up at once if the receiver's queue is full: false then, and nothing was sent. */
    public boolean trySend(Address destination, int destinationPort, byte[] data, int off, int len) {
        checkOpen();
        return net.sendUdp(port, destination, destinationPort, data, off, len, false);
    }

    /** Blocks until a datagram arrives for this socket. An ICMPv6 error about an earlier send is thrown here once. */
    public Datagram receive() {
        while (true) {
            checkOpen();
            throwPendingError();
            var d = queue.poll();
            if (d != null) return d;
            net.await(Long.MAX_VALUE);
        }
    }

    /** A datagram if one is waiting (after sorting whatever the kernel holds for this process), else null. */
    public Datagram poll() {
        checkOpen();
        throwPendingError();
        if (queue.isEmpty()) {
            net.drain();
            // An error that the drain just found is this poll's to report, as receive() would.
            throwPendingError();
        }
        return queue.poll();
    }

    /** Whether a datagram is waiting for this socket. */
    public boolean pending() {
        checkOpen();
        if (queue.isEmpty()) net.drain();
        return !queue.isEmpty();
    }

    public long dropped() { return dropped; }

    /** Blocks until a datagram is waiting for this socket, without taking it. */
    void awaitDatagram() {
        while (queue.isEmpty()) {
            checkOpen();
            net.await(Long.MAX_VALUE);
        }
    }

    /** A datagram already sorted into this socket, or null; no draining, nothing thrown. */
    Datagram takeQueued() { return queue.poll(); }

    /** Whether a datagram is already sorted into this socket; no draining, nothing thrown. */
    boolean pendingQuietly() { return !queue.isEmpty(); }

    @Override
    public int readyOps() {
        if (closed) return ERROR;
        return (queue.isEmpty() ? 0 : READABLE) | (pendingError != null ? ERROR | READABLE : 0) | WRITABLE;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        queue.clear();
        net.release(this);
    }

    public boolean isClosed() { return closed; }

    void offer(Datagram d) {
        if (queue.size() >= QUEUE_LIMIT) {
            dropped++;
            net.stats().socketQueueFull++;
            return;
        }
        queue.add(d);
    }

    /**
     * Sends ICMPv6 errors about this socket's datagrams to {@code handler} instead of throwing
     * them from the next receive: for a server, one refusing peer is not the server's failure.
     */
    public void onError(java.util.function.Consumer<IcmpReport> handler) { this.errorHandler = handler; }

    void error(IcmpReport report) {
        if (errorHandler != null) errorHandler.accept(report);
        else pendingError = report.toException();
    }

    private void throwPendingError() {
        var e = pendingError;
        if (e != null) {
            pendingError = null;
            throw e;
        }
    }

    private void checkOpen() {
        if (closed) throw new KernelException(ErrorCode.SOCKET_NOT_BOUND, "UDP socket on port " + port + " is closed");
    }

    @Override
    public String toString() { return "udp[" + net.kan().address() + "]:" + port; }
}
