package packos.lib.net;

import java.util.HashMap;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.kernel.Packet;
import packos.kernel.Prefix;
import packos.kernel.Syscalls;
import packos.lib.tcp.TcpConfig;
import packos.lib.timer.TimerProtocol;
import packos.lib.wire.ExtensionHeaders;
import packos.lib.wire.HeaderChain;
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.UdpDatagram;
import packos.lib.wire.UdpHeader;

/**
 * One process's IPv6 stack: its interfaces and routes, its UDP ports, and the receive path that
 * checks every packet, answers ICMPv6 echo, reports errors with ICMPv6, and sorts datagrams into
 * sockets. Malformed input is dropped and counted, never thrown.
 */
public final class Network {
    /** Ephemeral ports (RFC 6335): an anonymous bind takes the next free one. */
    public static final int FIRST_EPHEMERAL = EphemeralPorts.FIRST;
    private static final int SEND_RETRIES = 100_000;
    private static final int SEGMENT_RETRIES = 64;

    private final Syscalls sys;
    private final KanInterface kan;
    private final InterfaceRegistry interfaces = new InterfaceRegistry();
    private final RouteTable routes = new RouteTable();
    private final HashMap<Integer, UdpSocket> udp = new HashMap<>();
    private final NetStats stats = new NetStats();
    private final Fragments fragments;
    private final EphemeralPorts ephemeral = new EphemeralPorts("UDP");
    private int hopLimit = Ipv6Header.DEFAULT_HOP_LIMIT;
    private UdpSocket echoReplies;
    private UdpSocket lastSocket;
    private final TcpStack tcp;
    private final Alarm alarm = new Alarm(this);
    private final OpenTimers timers = new OpenTimers(this);
    private final Address timerService;
    private final Address scheduler;
    private Forwarder forwarder;
    /** Where the kernel's gateway leads: rebuilt when the gateway's address changes (a restarted router). */
    private Route defaultRoute;
    private static final Prefix EVERYWHERE = new Prefix(Address.UNSPECIFIED, 0);

    public Network(Syscalls sys) {
        this.sys = sys;
        this.kan = new KanInterface(sys);
        this.fragments = new Fragments(sys);
        this.tcp = new TcpStack(this, sys);
        interfaces.register(kan);
        routes.add(new Route(sys.kanPrefix(), null, kan));
        this.timerService = TimerProtocol.serviceAddress(sys.kanPrefix());
        this.scheduler = sys.schedulerAddress();
    }

    public KanInterface kan() { return kan; }

    public InterfaceRegistry interfaces() { return interfaces; }

    public RouteTable routes() { return routes; }

    public NetStats stats() { return stats; }

    /**
     * Packets whose destination is not this process's go to {@code forwarder} before anything
     * checks them further (a router forwards what a host would drop); null turns forwarding off.
     */
    public void setForwarder(Forwarder forwarder) { this.forwarder = forwarder; }

    /**
     * The route to {@code destination}: the longest match in {@link #routes()}, else, for a unicast
     * destination beyond every link, the default route through the kernel's gateway (the router),
     * asked each time so a router that starts after us, or restarts, is found. Multicast never
     * leaves the KAN. A link-local destination goes to the router too: the KAN has no link-local
     * addresses, and the only link-local peers a process can hear from are hosts on the router's
     * Ethernet (see the router's README). With neither, NO_ROUTE_TO_HOST.
     */
    public Route routeTo(Address destination) {
        var r = routes.find(destination);
        if (r != null) return r;
        if (!destination.isMulticast()) {
            var gateway = sys.gateway().orElse(null);
            // The router itself routes by its own table: its gateway is itself.
            if (gateway != null && !gateway.equals(kan.address())) {
                if (defaultRoute == null || !defaultRoute.gateway().equals(gateway)) defaultRoute = new Route(EVERYWHERE, gateway, kan);
                return defaultRoute;
            }
        }
        throw new KernelException(ErrorCode.NO_ROUTE_TO_HOST, "no route to " + destination
                + (sys.gateway().isEmpty() ? " (no router is running)" : ""));
    }

    int hopLimit() { return hopLimit; }

    /** Machine time in nanoseconds. */
    long now() { return sys.now(); }

    /** Where timers come from: the timer service, a process at a fixed address under the KAN prefix. */
    public Address timerService() { return timerService; }

    /**
     * Asks the timer service for a tick datagram on {@code socket} every {@code intervalMicros}
     * (once, unless {@code repeat}), as timer {@code timerId} of that socket; opening an id again
     * replaces it. The stack keeps the timer and opens it again if the service restarts.
     */
    public void openTimer(UdpSocket socket, int timerId, long intervalMicros, boolean repeat) { timers.open(socket, timerId, intervalMicros, repeat); }

    /** Closes timer {@code timerId} of {@code socket}. */
    public void closeTimer(UdpSocket socket, int timerId) { timers.close(socket, timerId); }

    /** Timers this process has open at the timer service. */
    public int openTimers() { return timers.size(); }

    public void setHopLimit(int hopLimit) {
        if (hopLimit < 1 || hopLimit > 255) throw new IllegalArgumentException("hop limit " + hopLimit + " is not in 1..255");
        this.hopLimit = hopLimit;
    }

    // ---- sockets --------------------------------------------------------------------------

    /** A UDP socket on {@code port}; 0 takes an ephemeral port. */
    public UdpSocket udp(int port) {
        if (port < 0 || port > 65535) throw new KernelException(ErrorCode.INVALID_ARGUMENT, "UDP port " + port + " is not in 0..65535");
        if (port == 0) port = ephemeral.take(udp::containsKey);
        if (udp.containsKey(port)) throw new KernelException(ErrorCode.PORT_ALREADY_BOUND, "UDP port " + port);
        var s = new UdpSocket(this, port);
        udp.put(port, s);
        return s;
    }

    /** A UDP socket on an ephemeral port. */
    public UdpSocket udp() { return udp(0); }

    void release(UdpSocket s) {
        if (udp.remove(s.port(), s)) timers.socketClosed(s.port());
        if (lastSocket == s) lastSocket = null;
    }

    /** The socket bound to {@code port}, or null. A stream hits one port again and again: remember the last. */
    private UdpSocket socketFor(int port) {
        var last = lastSocket;
        if (last != null && last.port() == port) return last;
        var s = udp.get(port);
        if (s != null) lastSocket = s;
        return s;
    }

    // ---- TCP, polling, timers -------------------------------------------------------------

    /** Listens on TCP {@code port} with the default backlog. */
    public TcpListener listen(int port) { return tcp.listen(port, TcpStack.DEFAULT_BACKLOG); }

    /** Listens on TCP {@code port}; at most {@code backlog} connections wait in the handshake or for accept. */
    public TcpListener listen(int port, int backlog) { return tcp.listen(port, backlog); }

    /** Opens a connection and waits until it is established; a refusal, reset or timeout is thrown. */
    public TcpSocket connect(Address destination, int port) { return connect(destination, port, tcp.defaults()); }

    public TcpSocket connect(Address destination, int port, TcpConfig config) {
        var s = tcp.connect(destination, port, 0, config);
        s.awaitConnected();
        return s;
    }

    /** As {@link #connect(Address, int)}, from {@code localPort} (0: an ephemeral port): bind, then connect. */
    public TcpSocket connect(Address destination, int port, int localPort) {
        var s = tcp.connect(destination, port, localPort, tcp.defaults());
        s.awaitConnected();
        return s;
    }

    /** Starts opening a connection without waiting: poll it for WRITABLE (connected) or ERROR. */
    public TcpSocket connectNoWait(Address destination, int port) { return tcp.connect(destination, port, 0, tcp.defaults()); }

    /** The settings new TCP connections get (accepted ones included). */
    public TcpConfig tcpDefaults() { return tcp.defaults(); }

    public void setTcpDefaults(TcpConfig config) { tcp.setDefaults(config); }

    /** TCP connections this process's stack still tracks (open, closing, or in TIME-WAIT). */
    public int tcpConnections() { return tcp.connectionCount(); }

    /** A new, empty poller over this process's sockets and timers. */
    public Poller poller() { return new Poller(this); }

    /** A timer from the timer service that a {@link Poller} can wait on. */
    public Timer timer(long intervalMicros, boolean repeat) { return new Timer(this, intervalMicros, repeat); }

    /**
     * Blocks for the next packet, or until {@code deadline} or a TCP deadline passes, and handles
     * what came (TCP timers included). Returns at once when a deadline has already passed.
     */
    void await(long deadline) {
        long wake = Math.min(deadline, tcp.nextDeadline());
        if (wake == Long.MAX_VALUE) {
            // Nothing timed to wait for (the UDP request-reply path): no clock read, no alarm.
            handle(sys.receive());
            tcp.runTimers();
            return;
        }
        long now = sys.now();
        if (wake > now) {
            alarm.armFor(wake, now);
            handle(sys.receive());
        }
        tcp.runTimers();
    }

    /**
     * The program has ended: TCP closes what it left open and delivers what is queued, for at
     * most {@code maxNanos} of machine time, as an operating system does after a process exits.
     */
    public void finish(long maxNanos) { tcp.finish(maxNanos); }

    // ---- sending --------------------------------------------------------------------------

    /** Whether the link towards {@code destination} takes segments with their checksum left to it. */
    boolean checksumOffloadTo(Address destination) {
        try {
            return routeTo(destination).via().checksumOffload();
        } catch (KernelException e) {
            return false;
        }
    }

    /** Whether {@code a} is one of this process's addresses. */
    public boolean isLocal(Address a) { return interfaces.owning(a) != null; }

    boolean sendUdp(int sourcePort, Address destination, int destinationPort, byte[] data, int off, int len, boolean wait) {
        if (destinationPort < 1 || destinationPort > 65535) {
            throw new KernelException(ErrorCode.NO_DEST_PORT, "destination port " + destinationPort + " is not in 1..65535");
        }
        var route = routeTo(destination);
        NetInterface via = route.via();
        if (UdpDatagram.HEADERS_LENGTH + len > via.mtu()) {
            throw new KernelException(ErrorCode.MESSAGE_TOO_LONG, len + " bytes of UDP data exceed the " + via.name() + " MTU of " + via.mtu());
        }
        Packet p = sys.allocate();
        UdpDatagram.emit(p, via.address(), sourcePort, destination, destinationPort, data, off, len, hopLimit);
        return transmit(p, via, route.nextHop(destination), wait);
    }

    /**
     * Sends a finished packet by the route to its destination. A full receive queue makes a
     * waiting send yield and try again; the packet is never lost silently: it is freed and the
     * error thrown, or (with {@code wait} false) freed and false returned.
     */
    public boolean send(Packet p, boolean wait) {
        var route = routeOrFree(p);
        return transmit(p, route.via(), route.nextHop(Ipv6Header.over(p).destination()), wait);
    }

    /**
     * Sends a TCP segment. A full queue lends the receiver our CPU a few times; after that the
     * segment counts as lost (TCP retransmits it) rather than blocking TCP inside a timer or an ACK.
     * A process that keeps its CPU (the scheduler) never lends it. Returns null when sent, else
     * why not (the page is freed either way).
     */
    ErrorCode sendSegment(Packet p) {
        KernelException refused;
        try {
            var route = routeOrFree(p);
            refused = transmitOrFree(p, route.via(), route.nextHop(Ipv6Header.over(p).destination()), kan.yieldToRecipient() ? SEGMENT_RETRIES : 0);
        } catch (KernelException e) {
            refused = e;
        }
        if (refused == null) return null;
        stats.segmentsRefused++;
        return refused.code();
    }

    /** The route to the packet's destination; with none the packet is freed and the error thrown. */
    private Route routeOrFree(Packet p) {
        try {
            return routeTo(Ipv6Header.over(p).destination());
        } catch (KernelException e) {
            sys.free(p);
            throw e;
        }
    }

    private boolean transmit(Packet p, NetInterface via, Address nextHop, boolean wait) {
        var refused = transmitOrFree(p, via, nextHop, wait ? SEND_RETRIES : 0);
        if (refused == null) return true;
        if (refused.code() == ErrorCode.PACKET_QUEUE_FULL && !wait) return false;
        throw refused;
    }

    /**
     * Hands the packet to the link. While the receiver's queue is full, lends it our CPU (it
     * drains its queue and hands the CPU back) and tries again, at most {@code lends} times.
     * Null when sent; else the refusal, and the packet has been freed.
     */
    private KernelException transmitOrFree(Packet p, NetInterface via, Address nextHop, int lends) {
        for (int attempt = 0; ; attempt++) {
            try {
                via.transmit(p, nextHop);
                return null;
            } catch (KernelException e) {
                if (e.code() != ErrorCode.PACKET_QUEUE_FULL || attempt >= lends) {
                    sys.free(p);
                    return e;
                }
                sys.lendTo(nextHop);
            }
        }
    }

    // ---- receiving ------------------------------------------------------------------------

    /** Handles every packet the kernel holds for this process, without blocking. */
    public void drain() {
        for (Packet p; (p = sys.poll()) != null; ) handle(p);
        tcp.runTimers();
    }

    /** Checks one received packet and passes it on; the packet is consumed whatever happens. */
    public void handle(Packet p) {
        if (forwarder != null && p.length() >= Ipv6Header.LENGTH) {
            Address destination = Ipv6Header.over(p).destination();
            if (!destination.isMulticast() && !isLocal(destination)) {
                forwarder.forward(p);
                return;
            }
        }
        switch (ExtensionHeaders.walk(p)) {
            case HeaderChain.Discard d -> {
                stats.malformed++;
                sys.free(p);
            }
            case HeaderChain.ParameterProblem pp -> {
                stats.parameterProblems++;
                answerError(p, Icmpv6.PARAMETER_PROBLEM, pp.code(), pp.pointer());
            }
            case HeaderChain.Fragmented f -> {
                var whole = fragments.add(p, f, this);
                if (whole != null) {
                    stats.fragmentsReassembled++;
                    handle(whole);
                }
            }
            case HeaderChain.Upper u -> deliver(p, u);
        }
    }

    private void deliver(Packet p, HeaderChain.Upper u) {
        Address destination = Ipv6Header.over(p).destination();
        if (!isLocal(destination) && !destination.isMulticast()) {
            stats.notForUs++;
            sys.free(p);
            return;
        }
        switch (u.protocol()) {
            case Ipv6Header.UDP -> deliverUdp(p, u.offset(), u.length());
            case Ipv6Header.ICMPV6 -> deliverIcmp(p, u.offset(), u.length());
            case Ipv6Header.NO_NEXT_HEADER -> sys.free(p);
            case Ipv6Header.TCP -> tcp.deliver(p, u.offset(), u.length());
            default -> {
                stats.parameterProblems++;
                answerError(p, Icmpv6.PARAMETER_PROBLEM, Icmpv6.UNRECOGNIZED_NEXT_HEADER, u.nextHeaderPointer());
            }
        }
    }

    private void deliverUdp(Packet p, int offset, int length) {
        var ip = Ipv6Header.over(p);
        Address source = ip.source();
        Address destination = ip.destination();
        UdpHeader h;
        try {
            h = UdpHeader.check(p, offset, length);
        } catch (MalformedPacketException e) {
            stats.malformed++;
            sys.free(p);
            return;
        }
        if (!h.hasValidChecksum(source, destination)) {
            stats.badChecksum++;
            sys.free(p);
            return;
        }
        byte[] payload = h.payload();
        if (h.sourcePort() == TimerProtocol.PORT) {
            if (source.equals(timerService)) {
                timers.fromService(h.destinationPort(), payload);
            } else if (source.equals(scheduler) && h.destinationPort() == TimerProtocol.PORT && !udp.containsKey(TimerProtocol.PORT)
                    && TimerProtocol.commandOf(payload) == TimerProtocol.RESTARTED) {
                // The scheduler restarted the timer service: its table is empty, ours is not.
                sys.free(p);
                timers.serviceRestarted();
                return;
            }
        }
        var socket = socketFor(h.destinationPort());
        if (socket == null) {
            stats.noSocket++;
            answerError(p, Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.PORT_UNREACHABLE, 0);
            return;
        }
        var d = new Datagram(source, h.sourcePort(), destination, h.destinationPort(), payload);
        sys.free(p);
        socket.offer(d);
    }

    private void deliverIcmp(Packet p, int offset, int length) {
        var ip = Ipv6Header.over(p);
        Address source = ip.source();
        Address destination = ip.destination();
        Icmpv6 m;
        try {
            m = Icmpv6.check(p, offset, length);
        } catch (MalformedPacketException e) {
            stats.malformed++;
            sys.free(p);
            return;
        }
        if (!m.hasValidChecksum(source, destination)) {
            stats.badChecksum++;
            sys.free(p);
            return;
        }
        switch (m.type()) {
            case Icmpv6.ECHO_REQUEST -> {
                // Answer in place: the request's page becomes the reply, from the address that was asked.
                Icmpv6.emitEchoReply(p, destination.isMulticast() ? kan.address() : destination, source, m, hopLimit);
                stats.echoAnswered++;
                stats.icmpSent++;
                sendQuietly(p);
            }
            case Icmpv6.ECHO_REPLY -> {
                var socket = echoReplies;
                if (socket != null) socket.offer(new Datagram(source, m.identifier(), destination, m.sequence(), m.data()));
                sys.free(p);
            }
            case Icmpv6.DESTINATION_UNREACHABLE, Icmpv6.PACKET_TOO_BIG, Icmpv6.TIME_EXCEEDED, Icmpv6.PARAMETER_PROBLEM -> {
                reportToSocket(m);
                sys.free(p);
            }
            default -> sys.free(p);
        }
    }

    /**
     * An ICMPv6 error quotes our packet: if it was UDP from one of our sockets, that socket hears
     * of it. The quote may be cut short, so the walk covers only the bytes that are there.
     */
    private void reportToSocket(Icmpv6 m) {
        byte[] quoted = m.data();
        if (quoted.length < Ipv6Header.LENGTH) return;
        var q = Packet.of(quoted);
        var quotedHeader = Ipv6Header.over(q);
        quotedHeader.setPayloadLength(quoted.length - Ipv6Header.LENGTH);
        if (!(ExtensionHeaders.walk(q) instanceof HeaderChain.Upper u) || u.length() < 4) return;
        var code = switch (m.type()) {
            case Icmpv6.DESTINATION_UNREACHABLE -> m.code() == Icmpv6.PORT_UNREACHABLE ? ErrorCode.CONNECTION_REFUSED : ErrorCode.ADDRESS_UNREACHABLE;
            case Icmpv6.TIME_EXCEEDED -> ErrorCode.HOP_LIMIT_EXCEEDED;
            case Icmpv6.PACKET_TOO_BIG -> ErrorCode.MESSAGE_TOO_LONG;
            default -> ErrorCode.PROTOCOL_ERROR;
        };
        // UDP and TCP both begin with the source and destination ports: all a quote must hold.
        int sourcePort = q.u16(u.offset()), destinationPort = q.u16(u.offset() + 2);
        if (u.protocol() == Ipv6Header.TCP && m.type() == Icmpv6.PACKET_TOO_BIG) {
            tcp.packetTooBig(quotedHeader.source(), sourcePort, quotedHeader.destination(), destinationPort, m.mtu());
            return;
        }
        if (u.protocol() == Ipv6Header.TCP) {
            tcp.icmpError(quotedHeader.source(), sourcePort, quotedHeader.destination(), destinationPort, code);
            return;
        }
        if (u.protocol() != Ipv6Header.UDP) return;
        var socket = udp.get(sourcePort);
        if (socket == null) return;
        socket.error(new IcmpReport(code, m.type(), m.code(), Ipv6Header.over(m.packet()).source(), quotedHeader.destination(), destinationPort));
    }

    /**
     * Sends an echo request; replies arrive on the returned socket as datagrams whose source port
     * is the identifier and destination port the sequence number.
     */
    public UdpSocket ping(Address destination, int identifier, int sequence, byte[] data) {
        if (echoReplies == null) echoReplies = new UdpSocket(this, 0);
        Address source = routeTo(destination).via().address();
        Packet p = sys.allocate();
        Icmpv6.emitEcho(p, source, destination, hopLimit, identifier, sequence, data, 0, data.length);
        send(p, true);
        return echoReplies;
    }

    /** Turns {@code p} into an ICMPv6 error about itself, when RFC 4443 allows one, and sends it. */
    void answerError(Packet p, int type, int code, long parameter) {
        if (!mayAnswer(p, type, code)) {
            sys.free(p);
            return;
        }
        // The quote should carry the checksum the offending packet had on the wire.
        p.completeChecksum();
        // From the address the packet was sent to, when it is ours: on a router that is not always the KAN one.
        Address to = Ipv6Header.over(p).destination();
        Icmpv6.emitError(p, !to.isMulticast() && isLocal(to) ? to : kan.address(), type, code, parameter, p, p.length());
        stats.icmpSent++;
        sendQuietly(p);
    }

    private boolean mayAnswer(Packet p, int type, int code) {
        return packos.lib.wire.ErrorPolicy.mayAnswerWithError(p, type, code);
    }

    /** Answers are best effort: a peer that cannot take them does not stop us. */
    private void sendQuietly(Packet p) {
        try {
            send(p, false);
        } catch (KernelException e) {
            // Already freed by send; an unreachable or unroutable peer gets no answer.
        }
    }

    Prefix kanPrefix() { return kan.prefix(); }
}
