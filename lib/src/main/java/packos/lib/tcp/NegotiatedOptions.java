package packos.lib.tcp;

import packos.lib.wire.Ipv6Header;
import packos.lib.wire.TcpOptions;

/**
 * What a connection's handshake settled about its segments: the MSS each way and what the path
 * allows of it (RFC 9293 3.7.1, RFC 6691, RFC 8201), window scaling (RFC 7323 section 2),
 * SACK (RFC 2018) and timestamps (RFC 7323 section 3), each on only if both sides offered it.
 */
final class NegotiatedOptions {
    /** A peer's MSS below this is raised to it, so that a segment always has room for data beside 40 bytes of options. */
    static final int MIN_MSS = 64;
    static final int IP_AND_TCP_HEADERS = 60;

    /** The MSS this side offers: its route's MTU less the headers. */
    final int offeredMss;
    /** The window scale this side offers, -1 for none. */
    final int offeredScale;
    /** The peer's MSS, bounded by ours and the path's: the largest segment, options included. */
    private int mssBase;
    /** The data a segment carries beside the timestamp option. */
    private int smss;
    private int sendScale;
    private int receiveScale;
    private boolean timestamps;
    private boolean sack;
    private boolean peerOfferedScale;
    /** The MSS the path allows as Packet Too Big has told us; no limit until one comes. */
    private int pathMss = Integer.MAX_VALUE;

    NegotiatedOptions(TcpConfig config, int mtu) {
        offeredMss = Math.min(mtu - IP_AND_TCP_HEADERS, 0xffff);
        offeredScale = config.windowScale() ? scaleFor(config.receiveBuffer()) : -1;
        mssBase = Math.min(offeredMss, TcpConnection.DEFAULT_IPV6_MSS);
        smss = mssBase;
    }

    /** The smallest shift that lets a 16-bit window field cover the whole receive buffer (RFC 7323 2.3). */
    static int scaleFor(int buffer) {
        int s = 0;
        while (s < TcpOptions.MAX_WINDOW_SCALE && (0xffffL << s) < buffer) s++;
        return s;
    }

    /** The peer's SYN offered {@code options}. */
    void fromSyn(TcpOptions options, TcpConfig config) {
        settle(options.mss() > 0 ? options.mss() : TcpConnection.DEFAULT_IPV6_MSS, config.timestamps() && options.hasTimestamps(),
                config.sack() && options.sackPermitted(), options.windowScale());
    }

    /** What a SYN cookie and the timestamp echo of the ACK that returned it remember ({@code echoed} null without timestamps). */
    void fromCookie(int peerMss, SynCookies.Echoed echoed, TcpConfig config) {
        boolean ts = config.timestamps() && echoed != null;
        settle(peerMss, ts, ts && config.sack() && echoed.sack(), ts ? echoed.peerScale() : -1);
    }

    private void settle(int peerMss, boolean timestamps, boolean sack, int peerScale) {
        mssBase = Math.max(MIN_MSS, Math.min(Math.min(peerMss, offeredMss), pathMss));
        this.timestamps = timestamps;
        this.sack = sack;
        peerOfferedScale = peerScale >= 0;
        boolean scaling = offeredScale >= 0 && peerOfferedScale;
        sendScale = scaling ? peerScale : 0;
        receiveScale = scaling ? offeredScale : 0;
        smss = mssBase - (timestamps ? TcpOptions.TIMESTAMPS_LENGTH : 0);
    }

    /**
     * ICMPv6 Packet Too Big reported {@code mtu}: segments shrink to fit, never below what 1280
     * bytes allow (RFC 8200 section 5), never grow (RFC 8201 section 4). True if the MSS in use
     * became smaller; before the handshake ({@code synchronised} false) only the limit is kept for the handshake to apply.
     */
    boolean shrinkTo(long mtu, boolean synchronised) {
        long path = Math.max(Ipv6Header.MINIMUM_MTU, Math.min(mtu, offeredMss + IP_AND_TCP_HEADERS));
        int mss = (int) Math.max(MIN_MSS, path - IP_AND_TCP_HEADERS);
        pathMss = Math.min(pathMss, mss);
        if (!synchronised || mss >= mssBase) return false;
        mssBase = mss;
        smss = mssBase - (timestamps ? TcpOptions.TIMESTAMPS_LENGTH : 0);
        return true;
    }

    /** The most data one segment carries beside the timestamp option: the congestion window's unit. */
    int smss() { return smss; }

    /** Data that fits one segment beside its options, {@code sackBlocks} blocks of SACK included (RFC 6691). */
    int maxSegmentData(int sackBlocks) {
        return mssBase - (timestamps ? TcpOptions.TIMESTAMPS_LENGTH : 0) - TcpOptions.sackLength(sackBlocks);
    }

    /** How many SACK blocks the next segment carries when {@code ranges} out-of-order ranges are held. */
    int sackBlocks(int ranges) {
        if (!sack) return 0;
        return Math.min(ranges, timestamps ? 3 : TcpOptions.MAX_SACK_BLOCKS);
    }

    /** The window scale a SYN-ACK answers with: ours if the peer offered one, else none. */
    int answeredScale() { return offeredScale >= 0 && peerOfferedScale ? receiveScale : -1; }

    /** The timestamp echo of a segment with {@code options} to measure a round trip from, or -1 (RFC 7323 4.2: none, or 0). */
    long echo(TcpOptions options) { return timestamps && options.hasTimestamps() && options.tsEcr() != 0 ? options.tsEcr() : -1; }

    int sendScale() { return sendScale; }

    int receiveScale() { return receiveScale; }

    boolean timestamps() { return timestamps; }

    boolean sack() { return sack; }
}
