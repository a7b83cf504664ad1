package packos.host.usernet;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import packos.kernel.KernelException;
import packos.lib.tcp.TcpConnection;

/**
 * One host socket joined to one TCP connection into PackOS. Bytes move only as far as the other
 * side takes them: from the host no more is read than the engine's send buffer has room for, and
 * from the engine no more is read while bytes wait for the host socket, so the engine's receive
 * window closes and PackOS slows down. Nothing is lost or reordered, and each direction closes
 * on its own (half-close): the host's EOF becomes a FIN into PackOS, PackOS' FIN a
 * {@code shutdownOutput} on the host socket. A reset on either side resets the other.
 */
final class Relay implements ChannelEvents {
    /** Bytes in one host read or one engine read. */
    private static final int CHUNK = 64 * 1024;

    final Flow flow;
    final TcpConnection tcp;
    private final SocketChannel host;
    private final SelectionKey key;
    private final byte[] fromHost = new byte[CHUNK];
    private final byte[] toHostBytes = new byte[CHUNK];
    /** Guest bytes not yet taken by the host socket, between position and limit. */
    private final ByteBuffer toHost = ByteBuffer.wrap(toHostBytes).limit(0);
    private final TcpRelays relays;
    /** The host said EOF: a FIN follows the data into PackOS. */
    private boolean hostEnded;
    /** PackOS' FIN has been passed on as shutdownOutput. */
    private boolean hostOutputShut;
    private boolean hostClosed;

    Relay(Flow flow, TcpConnection tcp, SocketChannel host, Selector selector, TcpRelays relays) throws ClosedChannelException {
        this.flow = flow;
        this.tcp = tcp;
        this.host = host;
        this.relays = relays;
        // An outbound connection's channel is registered already (for OP_CONNECT): its key is reused,
        // since a cancelled key cannot be replaced before the selector's next select.
        var existing = host.keyFor(selector);
        if (existing != null) {
            existing.interestOps(0);
            existing.attach(this);
            this.key = existing;
        } else {
            this.key = host.register(selector, 0, this);
        }
    }

    /** True once both ends are done: the host socket is closed and the engine has nothing more to do. */
    boolean finished() { return hostClosed && tcp.isFinished(); }

    @Override
    public void ready(SelectionKey key, long now) {
        if (key.isValid() && key.isReadable()) readHost(now);
        relays.settle(this, now);
    }

    /** Host to PackOS: as much as the send buffer takes. */
    private void readHost(long now) {
        while (!hostClosed && !hostEnded) {
            int room = Math.min(CHUNK, tcp.writable());
            if (room == 0) return;
            int n;
            try {
                n = host.read(ByteBuffer.wrap(fromHost, 0, room));
            } catch (IOException e) {
                // The host reset its end: say so to PackOS, and forget the host socket.
                tcp.abort(now);
                closeHost(true);
                return;
            }
            if (n == 0) return;
            if (n < 0) {
                hostEnded = true;
                tcp.shutdownOutput(now);
                return;
            }
            try {
                tcp.write(fromHost, 0, n, now);  // takes all n: no more was read than writable() allowed
            } catch (KernelException e) {
                closeHost(true);  // the engine failed meanwhile; pump() reports its error
                return;
            }
        }
    }

    /**
     * After anything happened to the engine or the host socket: move what PackOS sent to the host,
     * close what has ended, and ask the selector for what the relay waits for now.
     */
    void pump(long now) {
        if (hostClosed) return;
        while (true) {
            if (toHost.hasRemaining()) {
                try {
                    host.write(toHost);
                } catch (IOException e) {
                    tcp.abort(now);  // the host is gone: PackOS learns by RST
                    closeHost(true);
                    return;
                }
                if (toHost.hasRemaining()) break;  // the host socket is full: wait for OP_WRITE
            }
            int n;
            try {
                n = tcp.read(toHostBytes, 0, CHUNK, now);
            } catch (KernelException e) {
                // Reset, refused or timed out: the host sees its connection reset, at once.
                closeHost(true);
                return;
            }
            if (n > 0) {
                toHost.clear().limit(n);
                continue;
            }
            toHost.limit(0);
            if (n < 0 && !hostOutputShut) {
                hostOutputShut = true;
                try {
                    host.shutdownOutput();
                } catch (IOException e) {
                    tcp.abort(now);
                    closeHost(true);
                    return;
                }
            }
            break;
        }
        if (tcp.error() != null) {
            closeHost(true);
            return;
        }
        if ((hostEnded && hostOutputShut) || (tcp.isFinished() && !toHost.hasRemaining())) {
            closeHost(false);
            return;
        }
        int ops = 0;
        if (!hostEnded && tcp.writable() > 0) ops |= SelectionKey.OP_READ;
        if (toHost.hasRemaining()) ops |= SelectionKey.OP_WRITE;
        if (key.isValid()) key.interestOps(ops);
    }

    /** The network is closing: no more of either side. */
    void abort(long now) {
        tcp.abort(now);
        closeHost(true);
    }

    /** Closes the host socket; with {@code reset}, so the host sees a reset (RST) rather than an orderly end. */
    private void closeHost(boolean reset) {
        if (hostClosed) return;
        hostClosed = true;
        key.cancel();
        try {
            if (reset) host.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            // Closing below still releases it.
        }
        try {
            host.close();
        } catch (IOException e) {
            // Nothing more to say to a socket that failed to close.
        }
    }
}
