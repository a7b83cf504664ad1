package packos.host.usernet;

import static packos.host.ethernet.HostCounters.Count.BAD_CHECKSUM;
import static packos.host.ethernet.HostCounters.Count.MALFORMED;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.function.Consumer;
import packos.host.ethernet.EthernetHost;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.Packet;
import packos.lib.tcp.InitialSequenceNumbers;
import packos.lib.tcp.SegmentOutput;
import packos.lib.tcp.TcpConfig;
import packos.lib.tcp.TcpConnection;
import packos.lib.tcp.TcpState;
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.TcpHeader;

/**
 * The virtual host's TCP: sorts PackOS' segments into relays, answers segments that belong to
 * nothing with RST (as Linux does), opens a relay for each host connection a forward accepts and
 * for each SYN PackOS sends to the virtual host, and runs the engines' timers. Everything here
 * runs on the network's one thread.
 */
final class TcpRelays {
    private static final int FIRST_EPHEMERAL = 49152;
    /** SYNs from PackOS waiting for the host's loopback at once; past this they are dropped, as a full backlog drops them. */
    static final int MAX_CONNECTING = 256;
    /**
     * A relay copies at once: Nagle would only hold back what the host already coalesced. TIME-WAIT
     * is short: this host picks a fresh ephemeral port for every forwarded connection, so an old
     * duplicate has no 4-tuple to land in, and a relay in TIME-WAIT still holds its flow.
     */
    private static final TcpConfig CONFIG = TcpConfig.defaults().withNoDelay(true).withTimeWait(2 * TcpConfig.SECOND);

    private final EthernetHost host;
    private final Selector selector;
    private final UserNetworkStats stats;
    private final Guests guests;
    private final Consumer<String> log;
    private final HashMap<Flow, Relay> relays = new HashMap<>();
    private final HashMap<Flow, OutboundConnect> connecting = new HashMap<>();
    private final InitialSequenceNumbers isn = new InitialSequenceNumbers(new SecureRandom().nextLong());
    private int nextPort = FIRST_EPHEMERAL;

    TcpRelays(EthernetHost host, Selector selector, UserNetworkStats stats, Guests guests, Consumer<String> log) {
        this.host = host;
        this.selector = selector;
        this.stats = stats;
        this.guests = guests;
        this.log = log;
    }

    /** A segment from PackOS to one of the virtual host's addresses; {@code ip} holds exactly the IPv6 packet. */
    void segmentArrived(Packet ip, Ipv6Header h, long now) {
        Address source = h.source(), destination = h.destination();
        TcpHeader seg;
        try {
            seg = TcpHeader.check(ip, Ipv6Header.LENGTH, h.payloadLength());
        } catch (MalformedPacketException e) {
            stats.host.add(MALFORMED);
            return;
        }
        if (!seg.hasValidChecksum(source, destination)) {
            stats.host.add(BAD_CHECKSUM);
            return;
        }
        if (source.isMulticast() || source.isUnspecified() || destination.isMulticast()) {
            stats.host.add(MALFORMED);  // RFC 9293 3.10.7.1: TCP is unicast
            return;
        }
        var flow = new Flow(destination, seg.destinationPort(), source, seg.sourcePort());
        var relay = relays.get(flow);
        boolean bareSyn = seg.has(TcpHeader.SYN) && !seg.has(TcpHeader.ACK) && !seg.has(TcpHeader.RST);
        if (relay != null && bareSyn && relay.tcp.state() == TcpState.TIME_WAIT && relay.tcp.mayReuseFor(seg)) {
            relays.remove(flow);  // RFC 6191: a new incarnation of a connection in TIME-WAIT
            stats.relaysOpen.decrement();
            relay.abort(now);
            relay = null;
        }
        if (relay != null) {
            relay.tcp.segmentArrived(seg, now);
            settle(relay, now);
            return;
        }
        if (connecting.containsKey(flow)) return;  // the SYN again, while the host's loopback answers
        if (bareSyn && seg.destinationPort() != 0) {
            if (connecting.size() >= MAX_CONNECTING) {
                stats.synsDropped.increment();  // PackOS retransmits the SYN; by then the host may have answered the others
                return;
            }
            var pending = new OutboundConnect(flow, Packet.of(ip.toByteArray()), seg.destinationPort(), selector, this);
            connecting.put(flow, pending);
            pending.tryNext(now);
            return;
        }
        if (!seg.has(TcpHeader.RST)) {
            stats.resetsSent.increment();
            TcpConnection.resetFor(seg, new Output(flow));
        }
    }

    /** A host connection on a forwarded port: opens a connection to the forward's guest, or closes it at once if it has no address. */
    void accepted(HostForwardListener listener, SocketChannel channel, long now) {
        var guest = guests.addressOf(listener.forward.guest());
        if (guest.isEmpty()) {
            stats.guestUnresolved.increment();
            log.accept("hostfwd=%s: %s has no address yet; connection from %s closed".formatted(
                    listener.forward.describe(), listener.guestName, remote(channel)));
            reset(channel);
            return;
        }
        var local = host.sourceFor(guest.get());
        int port = freePort(local, guest.get(), listener.forward.guestPort());
        var flow = new Flow(local, port, guest.get(), listener.forward.guestPort());
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            var relay = new Relay(flow, engine(flow, now), channel, selector, this);
            relays.put(flow, relay);
            stats.relaysOpen.increment();
            stats.forwardedConnections.increment();
            relay.tcp.connect(now);
            settle(relay, now);
        } catch (IOException e) {
            reset(channel);
        }
    }

    /** The host's loopback took PackOS' connection: now the SYN is answered. */
    void outboundConnected(OutboundConnect pending, SocketChannel channel, long now) {
        connecting.remove(pending.flow);
        Relay relay;
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            relay = new Relay(pending.flow, engine(pending.flow, now), channel, selector, this);
        } catch (IOException e) {
            reset(channel);
            outboundRefused(pending, now);
            return;
        }
        TcpHeader syn;
        try {
            syn = TcpHeader.check(pending.syn, Ipv6Header.LENGTH, pending.syn.length() - Ipv6Header.LENGTH);
        } catch (MalformedPacketException e) {
            throw new IllegalStateException("a SYN checked on arrival no longer reads", e);
        }
        relays.put(pending.flow, relay);
        stats.relaysOpen.increment();
        stats.outboundConnections.increment();
        relay.tcp.acceptSyn(syn, now);
        settle(relay, now);
    }

    /** Neither loopback address took the connection: PackOS gets a RST for its SYN. */
    void outboundRefused(OutboundConnect pending, long now) {
        connecting.remove(pending.flow);
        stats.refusedByHost.increment();
        stats.resetsSent.increment();
        try {
            TcpConnection.resetFor(TcpHeader.check(pending.syn, Ipv6Header.LENGTH, pending.syn.length() - Ipv6Header.LENGTH),
                    new Output(pending.flow));
        } catch (MalformedPacketException e) {
            throw new IllegalStateException("a SYN checked on arrival no longer reads", e);
        }
    }

    /**
     * PackOS said a relay's segment could not be delivered (the router: no process at that
     * address; a process: no such port). While connecting, that ends the attempt at once (RFC
     * 5461), so the host's connection is closed rather than left waiting out the SYN retries.
     */
    void unreachable(Flow flow, int code, long now) {
        var relay = relays.get(flow);
        if (relay == null) return;
        var before = relay.tcp.state();
        relay.tcp.icmpError(code == Icmpv6.PORT_UNREACHABLE ? ErrorCode.CONNECTION_REFUSED : ErrorCode.ADDRESS_UNREACHABLE, now);
        if (relay.tcp.state() != before) stats.icmpErrorsApplied.increment();
        settle(relay, now);
    }

    /** After anything happened to a relay: move its bytes, and forget it once both ends are done. */
    void settle(Relay relay, long now) {
        relay.pump(now);
        if (relay.finished() && relays.remove(relay.flow, relay)) stats.relaysOpen.decrement();
    }

    long deadline() {
        long d = Long.MAX_VALUE;
        for (var r : relays.values()) d = Math.min(d, r.tcp.deadline());
        return d;
    }

    void onTimer(long now) {
        var due = new ArrayList<Relay>();
        for (var r : relays.values()) if (r.tcp.deadline() <= now) due.add(r);
        for (var r : due) {
            r.tcp.onTimer(now);
            settle(r, now);
        }
    }

    void closeAll(long now) {
        for (var r : new ArrayList<>(relays.values())) r.abort(now);
        stats.relaysOpen.add(-relays.size());
        relays.clear();
        for (var c : connecting.values()) c.abort();
        connecting.clear();
    }

    private TcpConnection engine(Flow flow, long now) {
        long iss = isn.next(flow.localAddress(), flow.localPort(), flow.remoteAddress(), flow.remotePort(), now);
        return new TcpConnection(CONFIG, flow.localAddress(), flow.localPort(), flow.remoteAddress(), flow.remotePort(),
                EthernetHost.MTU, iss, isn.timestampOffset(flow.localAddress(), flow.remoteAddress()), new Output(flow));
    }

    /** An ephemeral port no relay to this guest address and port uses. */
    private int freePort(Address local, Address remote, int remotePort) {
        for (int tries = 0; tries < 65536 - FIRST_EPHEMERAL; tries++) {
            int port = nextPort;
            nextPort = nextPort == 65535 ? FIRST_EPHEMERAL : nextPort + 1;
            if (!relays.containsKey(new Flow(local, port, remote, remotePort))) return port;
        }
        throw new IllegalStateException("every ephemeral port to [" + remote + "]:" + remotePort + " is in use");
    }

    private static String remote(SocketChannel channel) {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            return "the host";
        }
    }

    /** Closes a host socket so that its peer sees a reset, not an orderly end. */
    private static void reset(SocketChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException e) {
            // Closed anyway below.
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Released anyway.
        }
    }

    /** How a relay's segments leave: an IPv6 header and checksum, then the virtual host's link. */
    private final class Output implements SegmentOutput {
        private final Flow flow;

        Output(Flow flow) { this.flow = flow; }

        @Override
        public Packet allocate() { return Packet.standalone(EthernetHost.MTU); }

        @Override
        public boolean send(Packet p, int tcpLength) {
            Ipv6Header.emit(p, 0, 0, tcpLength, Ipv6Header.TCP, Ipv6Header.DEFAULT_HOP_LIMIT, flow.localAddress(), flow.remoteAddress());
            TcpHeader.over(p, TCP_OFFSET, tcpLength).fillChecksum(flow.localAddress(), flow.remoteAddress());
            return host.send(p, System.nanoTime());
        }
    }
}
