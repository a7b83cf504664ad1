package packos.lib.tcp;

import static packos.lib.wire.TcpHeader.ACK;
import static packos.lib.wire.TcpHeader.RST;
import static packos.lib.wire.TcpHeader.SYN;

import packos.kernel.Packet;
import packos.lib.wire.TcpHeader;
import packos.lib.wire.TcpOptions;

/**
 * Builds a connection's segments in pages from its {@link SegmentOutput}: header, options as
 * Linux writes them (NOP NOP timestamps and SACK blocks on data; MSS, SACK-permitted, timestamps,
 * NOP, window scale on a SYN), and data straight from the send buffer. Sequence numbers come in
 * unwrapped and leave modulo 2^32.
 */
final class SegmentWriter {
    private static final long MASK = 0xffffffffL;

    private final SegmentOutput out;
    private final int localPort;
    private final int remotePort;
    private final TcpStats stats;

    SegmentWriter(SegmentOutput out, int localPort, int remotePort, TcpStats stats) {
        this.out = out;
        this.localPort = localPort;
        this.remotePort = remotePort;
        this.stats = stats;
    }

    /**
     * A segment of {@code dataLength} bytes taken from {@code data} at {@code dataOffset}, with a
     * timestamp option when {@code tsVal} is not negative and {@code sackBlocks} SACK blocks from
     * {@code ranges}.
     */
    void segment(long seq, long ack, int flags, int window, long tsVal, long tsEcr, OutOfOrderQueue ranges, int sackBlocks,
                 SendBuffer data, int dataOffset, int dataLength) {
        Packet p = out.allocate();
        int o = SegmentOutput.TCP_OFFSET;
        int opt = o + TcpHeader.MIN_LENGTH;
        if (tsVal >= 0) opt += TcpOptions.writeTimestamps(p, opt, tsVal, tsEcr);
        if (sackBlocks > 0) {
            TcpOptions.writeSackHeader(p, opt, sackBlocks);
            ranges.writeSackBlocks(p, opt + 4, sackBlocks);
            opt += TcpOptions.sackLength(sackBlocks);
        }
        int headerLength = opt - o;
        if (dataLength > 0) data.copyTo(p, opt, dataOffset, dataLength);
        int tcpLength = headerLength + dataLength;
        TcpHeader.emit(p, o, tcpLength, localPort, remotePort, seq & MASK, ack & MASK, headerLength, flags, window);
        p.setLength(o + tcpLength);
        stats.segmentsSent++;
        stats.bytesSent += dataLength;
        out.send(p, tcpLength);
    }

    /** A SYN ({@code ack} < 0) or SYN-ACK offering {@code mss}, the other options when asked ({@code scale} < 0: none). */
    void syn(long iss, long ack, int mss, boolean sackPermitted, boolean timestamps, long tsVal, long tsEcr, int scale, int window) {
        Packet p = out.allocate();
        int o = SegmentOutput.TCP_OFFSET;
        int optLength = TcpOptions.writeSyn(p, o + TcpHeader.MIN_LENGTH, mss, sackPermitted, timestamps, tsVal, tsEcr, scale);
        int headerLength = TcpHeader.MIN_LENGTH + optLength;
        TcpHeader.emit(p, o, headerLength, localPort, remotePort, iss & MASK, ack < 0 ? 0 : ack & MASK, headerLength,
                SYN | (ack < 0 ? 0 : ACK), window);
        p.setLength(o + headerLength);
        stats.segmentsSent++;
        out.send(p, headerLength);
    }

    /** <SEQ=seq><CTL=RST> or <SEQ=seq><ACK=ack><CTL=RST,ACK>, without options. */
    void reset(long seq, long ack, boolean withAck) {
        stats.resetsSent++;
        reset(out, localPort, remotePort, seq & MASK, ack & MASK, withAck);
    }

    static void reset(SegmentOutput out, int sourcePort, int destinationPort, long seq, long ack, boolean withAck) {
        Packet p = out.allocate();
        int o = SegmentOutput.TCP_OFFSET;
        TcpHeader.emit(p, o, TcpHeader.MIN_LENGTH, sourcePort, destinationPort, seq, withAck ? ack : 0, TcpHeader.MIN_LENGTH,
                RST | (withAck ? ACK : 0), 0);
        p.setLength(o + TcpHeader.MIN_LENGTH);
        out.send(p, TcpHeader.MIN_LENGTH);
    }

    /**
     * The RST that answers {@code segment} when no connection exists for it (RFC 9293 section
     * 3.10.7.1); nothing is sent for an incoming RST.
     */
    static void resetFor(TcpHeader segment, SegmentOutput out) {
        if (segment.has(RST)) return;
        if (segment.has(ACK)) {
            reset(out, segment.destinationPort(), segment.sourcePort(), segment.acknowledgement(), 0, false);
        } else {
            long ack = (segment.sequence() + segment.sequenceLength()) & MASK;
            reset(out, segment.destinationPort(), segment.sourcePort(), 0, ack, true);
        }
    }

    /**
     * A SYN-ACK whose sequence number is {@code cookie}, keeping no state (RFC 4987 section 3.6):
     * the MSS, and window scale and SACK-permitted only beside timestamps, whose TSval carries them.
     */
    static void cookieSynAck(TcpConfig config, int mtu, TcpHeader syn, TcpOptions synOptions, long cookie, long tsOffset, long now,
                             SegmentOutput out) {
        int offeredMss = Math.min(mtu - NegotiatedOptions.IP_AND_TCP_HEADERS, 0xffff);
        boolean ts = config.timestamps() && synOptions.hasTimestamps();
        boolean sack = ts && config.sack() && synOptions.sackPermitted();
        boolean scale = ts && config.windowScale() && synOptions.windowScale() >= 0;
        long tsVal = ts ? SynCookies.timestamp((now / TcpConfig.MILLISECOND + tsOffset) & MASK, scale ? synOptions.windowScale() : -1, sack) : 0;
        Packet p = out.allocate();
        int o = SegmentOutput.TCP_OFFSET;
        int optLength = TcpOptions.writeSyn(p, o + TcpHeader.MIN_LENGTH, offeredMss, sack, ts, tsVal, synOptions.tsVal(),
                scale ? NegotiatedOptions.scaleFor(config.receiveBuffer()) : -1);
        int headerLength = TcpHeader.MIN_LENGTH + optLength;
        TcpHeader.emit(p, o, headerLength, syn.destinationPort(), syn.sourcePort(), cookie, (syn.sequence() + 1) & MASK, headerLength,
                SYN | ACK, Math.min(config.receiveBuffer(), 0xffff));
        p.setLength(o + headerLength);
        out.send(p, headerLength);
    }
}
