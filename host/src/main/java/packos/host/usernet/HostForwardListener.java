package packos.host.usernet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import packos.machine.wire.WireSpec;

/** The host's listening socket of one {@code hostfwd}: each connection it accepts becomes a relay into PackOS. */
final class HostForwardListener implements ChannelEvents {
    final WireSpec.HostForward forward;
    /** The console's name for the guest: its address, process name or the workload's name. */
    final String guestName;
    private final ServerSocketChannel channel;
    private final TcpRelays relays;

    private HostForwardListener(WireSpec.HostForward forward, String guestName, ServerSocketChannel channel, TcpRelays relays) {
        this.forward = forward;
        this.guestName = guestName;
        this.channel = channel;
        this.relays = relays;
    }

    /**
     * Binds the forward's host address and port (every address when none is given, as QEMU does).
     *
     * @throws IOException naming the address, the forward and the reason (a port in use)
     */
    static HostForwardListener bind(WireSpec.HostForward forward, String guestName, Selector selector, TcpRelays relays) throws IOException {
        var local = forward.hostAddress().map(a -> new InetSocketAddress(a, forward.hostPort()))
                .orElseGet(() -> new InetSocketAddress(forward.hostPort()));
        var channel = ServerSocketChannel.open();
        try {
            channel.bind(local);
            channel.configureBlocking(false);
            var listener = new HostForwardListener(forward, guestName, channel, relays);
            channel.register(selector, SelectionKey.OP_ACCEPT, listener);
            return listener;
        } catch (IOException e) {
            channel.close();
            throw new IOException("user: cannot listen on %s for hostfwd=%s: %s".formatted(forward.describeHost(), forward.describe(),
                    e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
    }

    @Override
    public void ready(SelectionKey key, long now) {
        while (true) {
            SocketChannel accepted;
            try {
                accepted = channel.accept();
            } catch (IOException e) {
                return;  // a connection that died before it was taken (ECONNABORTED): the next may be fine
            }
            if (accepted == null) return;
            relays.accepted(this, accepted, now);
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // The port is released even when close reports an error.
        }
    }
}
