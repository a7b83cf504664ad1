package packos.lib.net;

import java.util.ArrayList;
import java.util.HashMap;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.InetChecksum;
import packos.kernel.KernelException;
import packos.kernel.Packet;
import packos.kernel.Syscalls;
import packos.lib.tcp.InitialSequenceNumbers;
import packos.lib.tcp.SegmentOutput;
import packos.lib.tcp.SynCookies;
import packos.lib.tcp.TcpConfig;
import packos.lib.tcp.TcpConnection;
import packos.lib.tcp.TcpState;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.TcpHeader;
import packos.lib.wire.TcpOptions;

/**
 * A process's TCP: sorts arriving segments into connections and listeners, answers segments
 * that belong to nothing with RST (as Linux does), runs the connections' timers, and gives each
 * connection a way out through the process's routes.
 */
final class TcpStack {
    static final int DEFAULT_BACKLOG = 128;

    private final Network net;
    private final Syscalls sys;
    private final HashMap<Flow, TcpSocket> connections = new HashMap<>();
    private final HashMap<Integer, TcpListener> listeners = new HashMap<>();
    /** Local ports of connections this side opened: an ephemeral port is never handed out twice. */
    private final HashMap<Integer, Integer> activePorts = new HashMap<>();
    private InitialSequenceNumbers isn;
    private SynCookies cookies;
    private TcpConfig defaults = TcpConfig.defaults();
    private final EphemeralPorts ephemeral = new EphemeralPorts("TCP");
    /** A stream hits one connection again and again: remember the last. */
    private TcpSocket last;

    TcpStack(Network net, Syscalls sys) {
        this.net = net;
        this.sys = sys;
    }

    TcpConfig defaults() { return defaults; }

    void setDefaults(TcpConfig c) { this.defaults = java.util.Objects.requireNonNull(c); }

    long now() { return sys.now(); }

    void drain() { net.drain(); }

    /** Waits for the next packet, or the next TCP deadline. */
    void await() { net.await(Long.MAX_VALUE); }

    // ---- opening ----------------------------------------------------------------------------

    TcpListener listen(int port, int backlog) {
        if (port < 1 || port > 65535) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "TCP port " + port + " is not in 1..65535");
        if (backlog < 1) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "backlog " + backlog + " is less than 1");
        if (listeners.containsKey(port)) throw new KernelException(ErrorCode.PORT_ALREADY_BOUND, "TCP port " + port + " already has a listener");
        var l = new TcpListener(this, port, backlog);
        listeners.put(port, l);
        return l;
    }

    void unlisten(TcpListener l) { listeners.remove(l.port(), l); }

    TcpSocket connect(Address remote, int remotePort, int localPort, TcpConfig config) {
        if (localPort < 0 || localPort > 65535) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "TCP port " + localPort + " is not in 0..65535");
        if (remotePort < 1 || remotePort > 65535) throw new KernelException(ErrorCode.NO_DEST_PORT, "TCP port " + remotePort + " is not in 1..65535");
        var route = net.routeTo(remote);
        Address local = route.via().address();
        // RFC 6056: where the search starts is a keyed hash of the destination, so a restarted
        // process (a fresh secret) does not reuse its dead life's port, whose connection the peer
        // may still hold: its SYN would meet a challenge ACK and wait out a retransmission.
        if (localPort == 0) {
            localPort = ephemeral.take(isn().portOffset(local, remote, remotePort), p -> listeners.containsKey(p) || activePorts.containsKey(p));
        }
        var flow = new Flow(local, localPort, remote, remotePort);
        if (connections.containsKey(flow)) throw new KernelException(ErrorCode.ADDRESS_IN_USE, "a connection " + flow + " already exists");
        var s = open(flow, route.via().mtu(), config);
        activePorts.merge(localPort, 1, Integer::sum);
        s.active = true;
        s.connection.connect(now());
        settle(s);
        return s;
    }

    /** The host's secret for initial sequence numbers, timestamp offsets and port offsets, drawn at first use. */
    private InitialSequenceNumbers isn() {
        if (isn == null) isn = new InitialSequenceNumbers(sys.random());
        return isn;
    }

    /** The secret for SYN cookies, drawn at the first cookie, apart from the ISN secret. */
    private SynCookies cookies() {
        if (cookies == null) cookies = new SynCookies(sys.random());
        return cookies;
    }

    private TcpSocket open(Flow flow, int mtu, TcpConfig config) {
        return open(flow, mtu, config, isn().next(flow.localAddress(), flow.localPort(), flow.remoteAddress(), flow.remotePort(), now()));
    }

    private TcpSocket open(Flow flow, int mtu, TcpConfig config, long iss) {
        var isn = isn();
        var out = new Output(flow);
        long tsOffset = isn.timestampOffset(flow.localAddress(), flow.remoteAddress());
        var c = new TcpConnection(config, flow.localAddress(), flow.localPort(), flow.remoteAddress(), flow.remotePort(), mtu, iss, tsOffset, out);
        var s = new TcpSocket(this, flow, c);
        s.output = out;
        connections.put(flow, s);
        return s;
    }

    // ---- receiving --------------------------------------------------------------------------

    /** One segment for this process; the packet is consumed whatever happens. */
    void deliver(Packet p, int offset, int length) {
        var ip = Ipv6Header.over(p);
        Address source = ip.source();
        Address destination = ip.destination();
        TcpHeader seg;
        try {
            seg = TcpHeader.check(p, offset, length);
        } catch (MalformedPacketException e) {
            net.stats().malformed++;
            sys.free(p);
            return;
        }
        // A checksum left pending by the sender was never at risk: the KAN does not alter pages.
        if (!p.checksumPending() && !seg.hasValidChecksum(source, destination)) {
            net.stats().badChecksum++;
            sys.free(p);
            return;
        }
        if (source.isMulticast() || destination.isMulticast()) {
            // RFC 9293 3.10.7.1: TCP is unicast; nothing to answer.
            net.stats().malformed++;
            sys.free(p);
            return;
        }
        long now = now();
        var s = find(destination, seg.destinationPort(), source, seg.sourcePort());
        var l = listeners.get(seg.destinationPort());
        if (s != null && l != null && s.connection.state() == TcpState.TIME_WAIT && s.connection.mayReuseFor(seg)) {
            // RFC 9293 3.6.1 / RFC 6191: a new SYN may end TIME-WAIT when it cannot be confused with the old connection.
            forget(s);
            s = null;
        }
        try {
            if (s != null) {
                s.connection.segmentArrived(seg, now);
                settle(s);
                return;
            }
            if (l != null && !l.isClosed() && !seg.has(TcpHeader.RST)) {
                var flow = new Flow(destination, seg.destinationPort(), source, seg.sourcePort());
                if (seg.has(TcpHeader.SYN) && !seg.has(TcpHeader.ACK)) {
                    synArrived(l, flow, seg, now);
                    return;
                }
                if (seg.has(TcpHeader.ACK) && !seg.has(TcpHeader.SYN) && l.cookiesOutstanding(now) && cookieArrived(l, flow, seg, now)) return;
            }
            if (!seg.has(TcpHeader.RST)) {
                net.stats().tcpResetsSent++;
                TcpConnection.resetFor(seg, new Output(new Flow(destination, seg.destinationPort(), source, seg.sourcePort())));
            } else {
                net.stats().noSocket++;
            }
        } catch (KernelException e) {
            // No route back to the peer: nothing to answer with.
            net.stats().noSocket++;
        } finally {
            sys.free(p);
        }
    }

    /** A SYN for a listener: a half-open connection, or a cookie when the SYN queue is full. */
    private void synArrived(TcpListener l, Flow flow, TcpHeader syn, long now) {
        if (l.acceptQueueFull()) {
            net.stats().tcpBacklogFull++;
            return;
        }
        int mtu = net.routeTo(flow.remoteAddress()).via().mtu();
        if (l.synQueueFull()) {
            if (l.synCookies()) {
                var options = new TcpOptions();
                options.parse(syn); // malformed: answered as if it had none
                int mssIndex = SynCookies.mssIndex(options.mss() > 0 ? options.mss() : TcpConnection.DEFAULT_IPV6_MSS);
                long cookie = cookies().make(flow.localAddress(), flow.localPort(), flow.remoteAddress(), flow.remotePort(), syn.sequence(), mssIndex, now);
                TcpConnection.sendCookieSynAck(defaults, mtu, syn, options, cookie, isn().timestampOffset(flow.localAddress(), flow.remoteAddress()), now,
                        new Output(flow));
                net.stats().tcpSynCookiesSent++;
                l.cookieSent(now);
                return;
            }
            var oldest = l.oldestHalfOpen();
            oldest.connection.discard();
            settle(oldest);
            net.stats().tcpSynQueueDrops++;
        }
        var child = open(flow, mtu, defaults);
        child.listener = l;
        l.halfOpened(child);
        child.connection.acceptSyn(syn, now);
        settle(child);
    }

    /**
     * An ACK for no connection at a listener that sent cookies lately: if it acknowledges a good
     * cookie, the connection is rebuilt from it and the ACK processed; false when it does not (the
     * caller answers with RST, as RFC 9293 has a LISTEN socket answer any ACK).
     */
    private boolean cookieArrived(TcpListener l, Flow flow, TcpHeader ack, long now) {
        long clientIsn = (ack.sequence() - 1) & 0xffffffffL;
        long cookie = (ack.acknowledgement() - 1) & 0xffffffffL;
        int mssIndex = cookies().check(flow.localAddress(), flow.localPort(), flow.remoteAddress(), flow.remotePort(), clientIsn, cookie, now);
        if (mssIndex < 0) {
            net.stats().tcpSynCookiesRejected++;
            return false;
        }
        if (l.acceptQueueFull()) {
            // As Linux: dropped; the client's retransmission of this data or ACK tries again.
            net.stats().tcpBacklogFull++;
            return true;
        }
        var options = new TcpOptions();
        var echoed = options.parse(ack) && options.hasTimestamps() ? SynCookies.echoed(options.tsEcr()) : null;
        var s = open(flow, net.routeTo(flow.remoteAddress()).via().mtu(), defaults, cookie);
        s.listener = l;
        l.halfOpened(s);
        net.stats().tcpSynCookiesAccepted++;
        s.connection.acceptCookie(ack, SynCookies.mss(mssIndex), echoed, now);
        settle(s);
        return true;
    }

    private TcpSocket find(Address local, int localPort, Address remote, int remotePort) {
        var l = last;
        if (l != null) {
            var f = l.flow();
            if (f.localPort() == localPort && f.remotePort() == remotePort && f.remoteAddress().equals(remote) && f.localAddress().equals(local)) return l;
        }
        var s = connections.get(new Flow(local, localPort, remote, remotePort));
        if (s != null) last = s;
        return s;
    }

    /** After anything happened to {@code s}: hand a finished handshake to its listener, forget a finished connection. */
    void settle(TcpSocket s) {
        var c = s.connection;
        // The kernel's "no such address" reaches the connection once the engine's call has returned.
        if (s.output.takePeerGone()) c.peerGone(now());
        var l = s.listener;
        if (l != null && c.state() != TcpState.SYN_RECEIVED) {
            l.handshakeEnded(s);
            s.listener = null;
            if (l.isClosed()) {
                if (!c.isFinished()) c.abort(now());
            } else if (!c.isFinished()) {
                l.established(s);
            }
        }
        if (c.isFinished()) forget(s);
    }

    private void forget(TcpSocket s) {
        if (!connections.remove(s.flow(), s)) return;
        if (last == s) last = null;
        if (s.active) activePorts.computeIfPresent(s.flow().localPort(), (p, n) -> n == 1 ? null : n - 1);
    }

    /** An ICMPv6 error quoting a segment we sent. */
    void icmpError(Address local, int localPort, Address remote, int remotePort, ErrorCode code) {
        var s = connections.get(new Flow(local, localPort, remote, remotePort));
        if (s == null) return;
        s.connection.icmpError(code, now());
        settle(s);
    }

    void packetTooBig(Address local, int localPort, Address remote, int remotePort, long mtu) {
        var s = connections.get(new Flow(local, localPort, remote, remotePort));
        if (s == null) return;
        s.connection.packetTooBig(mtu, now());
        settle(s);
    }

    // ---- time -------------------------------------------------------------------------------

    long nextDeadline() {
        long d = Long.MAX_VALUE;
        for (var s : connections.values()) d = Math.min(d, s.connection.deadline());
        return d;
    }

    void runTimers() {
        if (connections.isEmpty()) return;
        long now = now();
        ArrayList<TcpSocket> due = null;
        for (var s : connections.values()) {
            if (s.connection.deadline() <= now) {
                if (due == null) due = new ArrayList<>();
                due.add(s);
            }
        }
        if (due == null) return;
        for (var s : due) {
            s.connection.onTimer(now);
            settle(s);
        }
    }

    // ---- closing ----------------------------------------------------------------------------

    void closed(TcpSocket s) { settle(s); }

    /**
     * The program is ending: close what it left open, and give TCP up to {@code maxNanos} to
     * deliver what was written and have the FINs acknowledged, as an OS does after exit.
     */
    void finish(long maxNanos) {
        for (var l : new ArrayList<>(listeners.values())) l.close();
        for (var s : new ArrayList<>(connections.values())) if (!s.isClosed()) s.close();
        long deadline = now() + maxNanos;
        while (stillDelivering() && now() < deadline) net.await(deadline);
    }

    private boolean stillDelivering() {
        for (var s : connections.values()) {
            switch (s.connection.state()) {
                case CLOSED, TIME_WAIT, FIN_WAIT_2, LISTEN -> { }
                default -> { return true; }
            }
        }
        return false;
    }

    int connectionCount() { return connections.size(); }

    /** How a connection's segments leave: an IPv6 header, the checksum, and the process's route to the peer. */
    final class Output implements SegmentOutput {
        private final Flow flow;
        /** The kernel said nothing lives at the peer's address: for the connection to hear after its call. */
        private boolean peerGone;

        Output(Flow flow) { this.flow = flow; }

        boolean takePeerGone() {
            boolean g = peerGone;
            peerGone = false;
            return g;
        }

        @Override
        public Packet allocate() { return sys.allocate(); }

        @Override
        public boolean send(Packet p, int tcpLength) {
            Ipv6Header.emit(p, 0, 0, tcpLength, Ipv6Header.TCP, net.hopLimit(), flow.localAddress(), flow.remoteAddress());
            if (net.checksumOffloadTo(flow.remoteAddress())) {
                // Checksums were half the cost of a bulk transfer; over the KAN the link fills them only where they are seen.
                p.setChecksumPending(TCP_OFFSET, TCP_OFFSET + 16,
                        InetChecksum.pseudoHeader(flow.localAddress(), flow.remoteAddress(), tcpLength, Ipv6Header.TCP));
            } else {
                TcpHeader.over(p, TCP_OFFSET, tcpLength).fillChecksum(flow.localAddress(), flow.remoteAddress());
            }
            var error = net.sendSegment(p);
            if (error == ErrorCode.ADDRESS_UNREACHABLE) peerGone = true;
            return error == null;
        }
    }
}
