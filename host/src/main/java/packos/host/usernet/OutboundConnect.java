package packos.host.usernet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import packos.kernel.Packet;

/**
 * A SYN from PackOS to the virtual host's port P, waiting for the host's loopback to take the
 * connection, as QEMU's 10.0.2.2 does: [::1]:P first, then 127.0.0.1:P. The SYN is answered only
 * once the host has answered, so a refused host port becomes a RST into PackOS.
 */
final class OutboundConnect implements ChannelEvents {
    final Flow flow;
    /** The SYN, a copy of its IPv6 packet; the engine's passive open reads it when the host accepts. */
    final Packet syn;
    private final List<InetSocketAddress> targets;
    private final Selector selector;
    private final TcpRelays relays;
    private int next;
    private SocketChannel channel;

    OutboundConnect(Flow flow, Packet syn, int port, Selector selector, TcpRelays relays) {
        this.flow = flow;
        this.syn = syn;
        this.targets = List.of(new InetSocketAddress(java.net.InetAddress.ofLiteral("::1"), port),
                new InetSocketAddress(java.net.InetAddress.ofLiteral("127.0.0.1"), port));
        this.selector = selector;
        this.relays = relays;
    }

    /** Tries the next loopback address; when none is left, the host refused. */
    void tryNext(long now) {
        while (next < targets.size()) {
            var target = targets.get(next++);
            try {
                channel = SocketChannel.open(target.getAddress() instanceof java.net.Inet6Address
                        ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
                channel.configureBlocking(false);
                if (channel.connect(target)) {
                    relays.outboundConnected(this, channel, now);
                    return;
                }
                channel.register(selector, SelectionKey.OP_CONNECT, this);
                return;
            } catch (IOException | UnsupportedOperationException e) {
                closeChannel();  // no IPv6 loopback, or refused at once: the next address
            }
        }
        relays.outboundRefused(this, now);
    }

    @Override
    public void ready(SelectionKey key, long now) {
        try {
            if (!channel.finishConnect()) return;
        } catch (IOException e) {
            key.cancel();
            closeChannel();
            tryNext(now);
            return;
        }
        relays.outboundConnected(this, channel, now);
    }

    void abort() { closeChannel(); }

    private void closeChannel() {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException e) {
            // Released anyway.
        }
        channel = null;
    }
}
