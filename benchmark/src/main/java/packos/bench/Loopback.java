package packos.bench;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;

/** UDP and TCP sockets on the IPv6 loopback [::1], the only address the Linux baselines may use. */
final class Loopback {

    private Loopback() {
    }

    /** A blocking channel bound to [::1] on a port the kernel picks. */
    static DatagramChannel bind() throws IOException {
        return bind(0);
    }

    /**
     * As {@link #bind()}, asking for a receive buffer of {@code receiveBufferBytes} first
     * (0 keeps the default). Linux caps the request at net.core.rmem_max.
     */
    static DatagramChannel bind(int receiveBufferBytes) throws IOException {
        var channel = DatagramChannel.open(StandardProtocolFamily.INET6);
        try {
            if (receiveBufferBytes > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            }
            channel.bind(new InetSocketAddress(address(), 0));
            if (!(channel.getLocalAddress() instanceof InetSocketAddress local)
                    || !(local.getAddress() instanceof Inet6Address bound) || !bound.isLoopbackAddress()) {
                throw new IOException("expected a socket on [::1], got " + channel.getLocalAddress());
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A blocking TCP listener on [::1] on a port the kernel picks. */
    static ServerSocketChannel listen() throws IOException {
        var channel = ServerSocketChannel.open(StandardProtocolFamily.INET6);
        try {
            channel.bind(new InetSocketAddress(address(), 0));
            if (!(channel.getLocalAddress() instanceof InetSocketAddress local)
                    || !(local.getAddress() instanceof Inet6Address bound) || !bound.isLoopbackAddress()) {
                throw new IOException("expected a listener on [::1], got " + channel.getLocalAddress());
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Connects two channels to each other, so each only hears the other. */
    static void pair(DatagramChannel one, DatagramChannel other) throws IOException {
        one.connect(other.getLocalAddress());
        other.connect(one.getLocalAddress());
    }

    /** [::1], built from its bytes so that no resolver and no IPv4 preference is involved. */
    static InetAddress address() {
        var bytes = new byte[16];
        bytes[15] = 1;
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are an IPv6 address", e);
        }
    }
}
