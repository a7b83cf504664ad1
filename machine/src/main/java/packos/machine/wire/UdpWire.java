package packos.machine.wire;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ethernet frames in UDP datagrams, one frame per datagram, between this wire's local address
 * and one remote: two PackOS instances (on one machine or two) joined this way share one
 * Ethernet segment, and no root is needed.
 *
 * <p>The socket is not connected to the remote, so that datagrams from anyone else reach us to
 * be counted and dropped rather than vanishing inside Linux.
 */
public final class UdpWire implements EthernetWire {
    /** Anything longer than a frame is still read whole (and dropped), never silently truncated into one. */
    private static final int RECEIVE_BUFFER = 65_536;
    private static final int RECEIVE_SOCKET_BUFFER = 1 << 20;

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final WireCounters counters = new WireCounters();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Thread reader;

    private UdpWire(DatagramChannel channel, InetSocketAddress local, InetSocketAddress remote) {
        this.channel = channel;
        this.local = local;
        this.remote = remote;
    }

    /**
     * Binds {@code local} (port 0 picks a free one; see {@link #localAddress}) and sends to
     * {@code remote}. Both must be resolved addresses.
     */
    public static UdpWire open(InetSocketAddress local, InetSocketAddress remote) throws IOException {
        if (local.isUnresolved() || remote.isUnresolved()) {
            throw new IllegalArgumentException("udp: addresses must be IP literals, got " + local + " and " + remote);
        }
        var family = local.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        var channel = DatagramChannel.open(family);
        try {
            // Bursts from a peer's card arrive faster than one reader thread hands them on at
            // times; Linux caps this at net.core.rmem_max, and what overflows is lost uncounted.
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_SOCKET_BUFFER);
            channel.bind(local);
        } catch (IOException e) {
            channel.close();
            throw new IOException("udp: cannot bind " + AddressText.format(local) + ": " + e.getMessage(), e);
        }
        return new UdpWire(channel, (InetSocketAddress) channel.getLocalAddress(), remote);
    }

    @Override
    public void start(FrameReceiver receiver) {
        Objects.requireNonNull(receiver);
        if (!started.compareAndSet(false, true)) throw new IllegalStateException(describe() + " already started");
        if (!channel.isOpen()) throw new IllegalStateException(describe() + " is closed");
        // A platform thread: the wire's reader must never occupy a virtual thread's carrier.
        reader = Thread.ofPlatform().daemon().name("wire " + describe()).start(() -> readLoop(receiver));
    }

    private void readLoop(FrameReceiver receiver) {
        var buffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER);
        while (true) {
            buffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;  // close(): the only way out
            } catch (IOException e) {
                // A transient error (an ICMP report on some systems): the next datagram may be fine.
                counters.dropIn();
                continue;
            }
            buffer.flip();
            int length = buffer.remaining();
            if (!remote.equals(from) || !EthernetWire.isFrameLength(length)) {
                counters.dropIn();
                continue;
            }
            var frame = new byte[length];
            buffer.get(frame);
            counters.received(length);
            receiver.frameArrived(frame, length);
        }
    }

    @Override
    public boolean transmit(byte[] frame, int off, int len) {
        Objects.checkFromIndexSize(off, len, frame.length);
        if (!EthernetWire.isFrameLength(len)) {
            counters.dropOut();
            return false;
        }
        try {
            // One datagram per frame; a UDP send that cannot be queued is dropped by Linux, not waited for.
            if (channel.send(ByteBuffer.wrap(frame, off, len), remote) != len) {
                counters.dropOut();
                return false;
            }
        } catch (IOException e) {
            counters.dropOut();
            return false;
        }
        counters.sent(len);
        return true;
    }

    /** The bound address, with the port Linux chose when the spec said 0. */
    public InetSocketAddress localAddress() {
        return local;
    }

    public InetSocketAddress remoteAddress() {
        return remote;
    }

    public WireCounters counters() {
        return counters;
    }

    /** Whether the reader thread is still running (it ends on close). */
    public boolean isReading() {
        var r = reader;
        return r != null && r.isAlive();
    }

    @Override
    public String describe() {
        return "udp:" + AddressText.format(local) + "," + AddressText.format(remote);
    }

    @Override
    public void close() {
        try {
            channel.close();  // wakes the reader's receive with ClosedChannelException
        } catch (IOException e) {
            // Closing a datagram channel releases the socket even when it reports an error.
        }
        ReaderThread.awaitEnd(reader);
    }
}
