package packos.lib.tcp;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.TcpHeader;

/**
 * One connection under test and a hand-played peer: the test writes the peer's segments field by
 * field and reads back, as real pages with IPv6 headers and checksums, what the connection sent.
 */
final class ScriptedPeer implements SegmentOutput {
    static final Address US = Address.parse("2001:db8::1");
    static final Address PEER = Address.parse("2001:db8::2");
    static final int OUR_PORT = 49152;
    static final int PEER_PORT = 80;
    static final long OUR_ISS = 0xfffff000L; // near the wrap, so every test crosses 2^32
    static final long PEER_ISS = 0x10000000L;
    /** The peer's SYN options as Linux sends them: MSS 1440, SACK_PERM, TS(tsval 1000, 0), NOP, WS 7. */
    static final String LINUX_SYN_OPTIONS = "020405a0" + "0402" + "080a000003e800000000" + "01030307";

    final TcpConnection conn;
    final int mtu;
    final List<byte[]> sent = new ArrayList<>();
    long now = 1_000 * TcpConfig.MILLISECOND;
    /** The peer's next sequence number to send. */
    long peerSeq = PEER_ISS;

    ScriptedPeer(TcpConfig config, int mtu) {
        this.mtu = mtu;
        this.conn = new TcpConnection(config, US, OUR_PORT, PEER, PEER_PORT, mtu, OUR_ISS, this);
    }

    ScriptedPeer(TcpConfig config) { this(config, 1500); }

    @Override
    public Packet allocate() { return Packet.standalone(mtu); }

    @Override
    public boolean send(Packet p, int tcpLength) {
        if (p.length() != SegmentOutput.TCP_OFFSET + tcpLength) throw new AssertionError("page length " + p.length() + " != 40 + " + tcpLength);
        Ipv6Header.emit(p, 0, 0, tcpLength, Ipv6Header.TCP, 64, US, PEER);
        TcpHeader.over(p, SegmentOutput.TCP_OFFSET, tcpLength).fillChecksum(US, PEER);
        sent.add(p.toByteArray());
        return true;
    }

    static TcpHeader parse(byte[] packet) {
        try {
            var p = Packet.of(packet);
            var ip = Ipv6Header.check(p);
            var h = TcpHeader.check(p, 40, ip.payloadLength());
            if (!h.hasValidChecksum(ip.source(), ip.destination())) throw new AssertionError("bad checksum on a sent segment");
            return h;
        } catch (MalformedPacketException e) {
            throw new AssertionError(e);
        }
    }

    TcpHeader sent(int i) { return parse(sent.get(i)); }

    TcpHeader last() {
        if (sent.isEmpty()) throw new AssertionError("the connection sent nothing");
        return sent(sent.size() - 1);
    }

    /** The segments sent since the last call, and forgets them. */
    List<TcpHeader> drain() {
        var out = new ArrayList<TcpHeader>();
        for (byte[] b : sent) out.add(parse(b));
        sent.clear();
        return out;
    }

    String optionsHex(TcpHeader h) { return HexFormat.of().formatHex(h.packet().copyBytes(h.optionsOffset(), h.optionsLength())); }

    Segment segment() { return new Segment(); }

    /** Our next expected ACK value from the peer's point of view. */
    long ourNext() { return conn.sndNxt() & 0xffffffffL; }

    /** A segment from the peer, built field by field. */
    final class Segment {
        long seq = peerSeq;
        long ack = conn.sndNxt() & 0xffffffffL;
        int flags = TcpHeader.ACK;
        int window = 65535;
        byte[] options = new byte[0];
        byte[] payload = new byte[0];
        int srcPort = PEER_PORT;

        Segment seq(long s) { seq = s & 0xffffffffL; return this; }
        Segment ack(long a) { ack = a & 0xffffffffL; return this; }
        Segment flags(int f) { flags = f; return this; }
        Segment window(int w) { window = w; return this; }
        Segment options(String hex) { options = HexFormat.of().parseHex(hex); return this; }
        Segment payload(byte[] b) { payload = b; return this; }
        Segment payload(int n) { payload = new byte[n]; for (int i = 0; i < n; i++) payload[i] = (byte) (i * 7 + 3); return this; }
        Segment srcPort(int p) { srcPort = p; return this; }

        TcpHeader build() {
            if (options.length % 4 != 0) throw new IllegalArgumentException("options must be padded to 4 bytes");
            int hl = 20 + options.length;
            int tcpLength = hl + payload.length;
            var p = Packet.standalone(40 + tcpLength);
            Ipv6Header.emit(p, 0, 0, tcpLength, Ipv6Header.TCP, 64, PEER, US);
            var h = TcpHeader.emit(p, 40, tcpLength, srcPort, OUR_PORT, seq, (flags & TcpHeader.ACK) != 0 ? ack : 0, hl, flags, window);
            p.put(60, options);
            p.put(60 + options.length, payload);
            h.fillChecksum(PEER, US);
            try {
                return TcpHeader.check(p, 40, tcpLength);
            } catch (MalformedPacketException e) {
                throw new AssertionError(e);
            }
        }

        /** Delivers it to the connection and advances the peer's sequence number past it when it was in order. */
        void deliver() {
            var h = build();
            if (seq == (peerSeq & 0xffffffffL)) peerSeq = (peerSeq + h.sequenceLength()) & 0xffffffffL;
            conn.segmentArrived(h, now);
        }
    }

    /** Active open against this peer, which answers with {@code synAckOptions}; returns the SYN we sent. */
    TcpHeader openActive(String synAckOptions) {
        conn.connect(now);
        var syn = last();
        sent.clear();
        segment().seq(PEER_ISS).ack(OUR_ISS + 1).flags(TcpHeader.SYN | TcpHeader.ACK).options(synAckOptions).deliver();
        if (conn.state() != TcpState.ESTABLISHED) throw new AssertionError("not established: " + conn.state());
        sent.clear();
        return syn;
    }

    /** Passive open: the peer's SYN with {@code synOptions}, our SYN-ACK, the peer's ACK. Returns the SYN-ACK. */
    TcpHeader openPassive(String synOptions) {
        var syn = segment().seq(PEER_ISS).flags(TcpHeader.SYN).options(synOptions).build();
        conn.acceptSyn(syn, now);
        peerSeq = PEER_ISS + 1;
        var synAck = last();
        sent.clear();
        segment().ack(OUR_ISS + 1).deliver();
        if (conn.state() != TcpState.ESTABLISHED) throw new AssertionError("not established: " + conn.state());
        return synAck;
    }

    void advance(long nanos) {
        now += nanos;
    }

    void fireTimerIfDue() {
        if (conn.deadline() <= now) conn.onTimer(now);
    }

    /** Advances time to the connection's deadline and runs its timers. */
    void fireTimer() {
        long d = conn.deadline();
        if (d == Long.MAX_VALUE) throw new AssertionError("no timer is armed");
        if (d > now) now = d;
        conn.onTimer(now);
    }
}
