package packos.host.usernet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import packos.host.ethernet.EthernetHost;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.UdpDatagram;
import packos.machine.wire.WireSpec;

/**
 * UDP through the user network, as QEMU's slirp relays it: a datagram from PackOS to
 * {@code [fd00:7e8f::1]:P} leaves from a host socket of its own flow to the host's loopback port P
 * ({@code [::1]}, then {@code 127.0.0.1} once [::1] says the port is unreachable), and what that
 * socket receives goes back to the flow's PackOS sender. A {@code hostfwd=udp:...} binds a host
 * port; each host peer that sends to it gets a port of this host's, from which its datagrams go to
 * the guest and to which the guest's answers come back. Flows idle for {@link #IDLE_NANOS} are
 * closed; at most {@link #MAX_FLOWS} of each kind exist at once (a new one past that is dropped).
 * Runs on the network's thread only.
 */
final class UdpRelays {
    static final long IDLE_NANOS = 120_000_000_000L;
    static final int MAX_FLOWS = 256;
    /** The ports of this host that forwarded host peers are mapped to. */
    static final int FIRST_MAPPED_PORT = 40000, LAST_MAPPED_PORT = 49151;
    private static final int MAX_DATAGRAM = 65507;

    private final EthernetHost host;
    private final Selector selector;
    private final UserNetworkStats stats;
    private final Guests guests;
    private final Map<OutboundKey, Outbound> outbound = new HashMap<>();
    private final Map<Integer, Inbound> inboundByPort = new HashMap<>();
    private final List<Listener> listeners = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
    private int nextMappedPort = FIRST_MAPPED_PORT;

    UdpRelays(EthernetHost host, Selector selector, UserNetworkStats stats, Guests guests) {
        this.host = host;
        this.selector = selector;
        this.stats = stats;
        this.guests = guests;
    }

    /** A PackOS sender and the host port it sends to. */
    private record OutboundKey(Address guest, int guestPort, int hostPort) {}

    /**
     * Binds a {@code hostfwd=udp:...}'s host port now.
     *
     * @throws IOException naming the forward if the port cannot be bound
     */
    String bind(WireSpec.HostForward forward, String guestName) throws IOException {
        var local = forward.hostAddress().map(a -> new InetSocketAddress(a, forward.hostPort())).orElseGet(() -> new InetSocketAddress(forward.hostPort()));
        var channel = DatagramChannel.open();
        try {
            channel.bind(local);
            channel.configureBlocking(false);
        } catch (IOException e) {
            channel.close();
            throw new IOException("user: cannot bind %s for hostfwd=%s: %s".formatted(forward.describeHost(), forward.describe(),
                    e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
        var listener = new Listener(forward, channel);
        channel.register(selector, SelectionKey.OP_READ, listener);
        listeners.add(listener);
        return "hostfwd udp %s -> %s:%d".formatted(forward.describeHost(), guestName, forward.guestPort());
    }

    /** A datagram from PackOS to this host's address: a forwarded peer's answer, or a datagram for the host's loopback. */
    void datagram(Address source, int sourcePort, int destinationPort, byte[] data, long now) {
        var in = inboundByPort.get(destinationPort);
        if (in != null && in.guest.equals(source) && in.guestPort == sourcePort) {
            in.lastUsed = now;
            try {
                in.listener.channel.send(ByteBuffer.wrap(data), in.peer);
                stats.udpOut.increment();
            } catch (IOException e) {
                stats.udpDropped.increment();
            }
            return;
        }
        var key = new OutboundKey(source, sourcePort, destinationPort);
        var flow = outbound.get(key);
        if (flow == null) {
            if (outbound.size() >= MAX_FLOWS) {
                stats.udpDropped.increment();
                return;
            }
            try {
                flow = new Outbound(key, now);
            } catch (IOException e) {
                stats.udpDropped.increment();
                return;
            }
            outbound.put(key, flow);
        }
        flow.send(data, now);
    }

    /** When {@link #onTimer} is next due. */
    long deadline() {
        long next = Long.MAX_VALUE;
        for (var f : outbound.values()) next = Math.min(next, f.lastUsed + IDLE_NANOS);
        for (var f : inboundByPort.values()) next = Math.min(next, f.lastUsed + IDLE_NANOS);
        return next;
    }

    /** Closes idle flows. */
    void onTimer(long now) {
        for (var f : List.copyOf(outbound.values())) if (now - f.lastUsed >= IDLE_NANOS) f.close();
        inboundByPort.values().removeIf(f -> now - f.lastUsed >= IDLE_NANOS);
    }

    void closeAll() {
        for (var f : List.copyOf(outbound.values())) f.close();
        inboundByPort.clear();
        for (var l : listeners) {
            try {
                l.channel.close();
            } catch (IOException e) {
                // released anyway
            }
        }
    }

    /** Sends {@code data} into PackOS from this host's {@code port} to the guest. */
    private void toGuest(int port, Address guest, int guestPort, byte[] data, int length, long now) {
        if (length > EthernetHost.MTU - Ipv6Header.LENGTH - 8) {
            stats.udpDropped.increment();  // no fragmentation here: a datagram that does not fit one frame is dropped, as a full path would
            return;
        }
        var p = Packet.standalone(Ipv6Header.LENGTH + 8 + length);
        UdpDatagram.emit(p, host.address(), port, guest, guestPort, data, 0, length, Ipv6Header.DEFAULT_HOP_LIMIT);
        if (host.send(p, now)) stats.udpIn.increment();
        else stats.udpDropped.increment();
    }

    /** One PackOS sender's flow to one host loopback port. */
    private final class Outbound implements ChannelEvents {
        final OutboundKey key;
        DatagramChannel channel;
        boolean onIpv4;
        byte[] last;
        long lastUsed;

        Outbound(OutboundKey key, long now) throws IOException {
            this.key = key;
            this.lastUsed = now;
            connect(InetAddress.getByName("::1"), StandardProtocolFamily.INET6);
        }

        private void connect(InetAddress address, StandardProtocolFamily family) throws IOException {
            var c = DatagramChannel.open(family);
            try {
                c.configureBlocking(false);
                c.connect(new InetSocketAddress(address, key.hostPort));
                c.register(selector, SelectionKey.OP_READ, this);
            } catch (IOException e) {
                c.close();
                throw e;
            }
            channel = c;
        }

        void send(byte[] data, long now) {
            lastUsed = now;
            last = data;
            try {
                channel.write(ByteBuffer.wrap(data));
                stats.udpOut.increment();
            } catch (PortUnreachableException e) {
                unreachable();
            } catch (IOException e) {
                stats.udpDropped.increment();
            }
        }

        /** [::1] refused the port: try 127.0.0.1 once, with the datagram that met the refusal. */
        private void unreachable() {
            if (onIpv4) {
                stats.udpDropped.increment();
                return;
            }
            onIpv4 = true;
            try {
                channel.close();
                connect(InetAddress.getByName("127.0.0.1"), StandardProtocolFamily.INET);
                if (last != null) channel.write(ByteBuffer.wrap(last));
                stats.udpOut.increment();
            } catch (IOException e) {
                stats.udpDropped.increment();
            }
        }

        @Override
        public void ready(SelectionKey k, long now) {
            while (true) {
                buffer.clear();
                int n;
                try {
                    n = channel.read(buffer);
                } catch (PortUnreachableException e) {
                    unreachable();
                    return;
                } catch (IOException e) {
                    return;
                }
                if (n <= 0) return;
                lastUsed = now;
                toGuest(key.hostPort, key.guest, key.guestPort, buffer.array(), n, now);
            }
        }

        void close() {
            outbound.remove(key);
            try {
                channel.close();
            } catch (IOException e) {
                // released anyway
            }
        }
    }

    /** A host peer of a UDP forward, seen from PackOS as this host's mapped port. */
    private static final class Inbound {
        final Listener listener;
        final InetSocketAddress peer;
        final Address guest;
        final int guestPort;
        long lastUsed;

        Inbound(Listener listener, InetSocketAddress peer, Address guest, int guestPort, long now) {
            this.listener = listener;
            this.peer = peer;
            this.guest = guest;
            this.guestPort = guestPort;
            this.lastUsed = now;
        }
    }

    /** The host socket of one {@code hostfwd=udp:...}. */
    private final class Listener implements ChannelEvents {
        final WireSpec.HostForward forward;
        final DatagramChannel channel;
        final Map<InetSocketAddress, Integer> portOfPeer = new HashMap<>();

        Listener(WireSpec.HostForward forward, DatagramChannel channel) {
            this.forward = forward;
            this.channel = channel;
        }

        @Override
        public void ready(SelectionKey k, long now) {
            while (true) {
                buffer.clear();
                InetSocketAddress peer;
                try {
                    peer = (InetSocketAddress) channel.receive(buffer);
                } catch (IOException e) {
                    return;
                }
                if (peer == null) return;
                var guest = guests.addressOf(forward.guest());
                if (guest.isEmpty()) {
                    stats.guestUnresolved.increment();
                    stats.udpDropped.increment();
                    continue;
                }
                var port = portOfPeer.get(peer);
                var flow = port == null ? null : inboundByPort.get(port);
                if (flow == null || !flow.guest.equals(guest.get())) {
                    port = mappedPort();
                    if (port == null) {
                        stats.udpDropped.increment();
                        continue;
                    }
                    flow = new Inbound(this, peer, guest.get(), forward.guestPort(), now);
                    inboundByPort.put(port, flow);
                    portOfPeer.put(peer, port);
                }
                flow.lastUsed = now;
                toGuest(port, flow.guest, flow.guestPort, buffer.array(), buffer.position(), now);
            }
        }
    }

    /** A free mapped port, or null when every one (or the flow limit) is taken. */
    private Integer mappedPort() {
        if (inboundByPort.size() >= MAX_FLOWS) return null;
        for (int tries = 0; tries <= LAST_MAPPED_PORT - FIRST_MAPPED_PORT; tries++) {
            int port = nextMappedPort;
            nextMappedPort = port == LAST_MAPPED_PORT ? FIRST_MAPPED_PORT : port + 1;
            if (!inboundByPort.containsKey(port)) return port;
        }
        return null;
    }
}
