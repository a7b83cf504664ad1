/**
 * The TCP engine: one connection as a state machine without I/O, driven by the stack in
 * {@code packos.lib.net} (segments in, segments out through a {@link packos.lib.tcp.SegmentOutput},
 * time as an argument), so the same code runs over the KAN and in simulated-time unit tests.
 *
 * <ul>
 * <li>{@link packos.lib.tcp.TcpConnection}: RFC 9293, every state, active, passive and
 *     simultaneous open, half-close, RST with the RFC 5961 checks, TIME-WAIT; sequence numbers as
 *     64-bit counters that never wrap (only the wire sees them modulo 2^32).</li>
 * <li>{@link packos.lib.tcp.TcpInput}: SEGMENT ARRIVES (RFC 9293 3.10.7) in every state, the input
 *     half of the state machine; {@link packos.lib.tcp.Handshake}: SYN and SYN-ACK out with their
 *     options, the peer's SYN (or a cookie's ACK) in, the handshake's RTT sample, SYN
 *     retransmissions.</li>
 * <li>{@link packos.lib.tcp.Sender}, {@link packos.lib.tcp.Receiver}: the two halves of a
 *     connection's sequence space: what the peer's ACKs and SACK blocks say and what to send now
 *     (holes first, then new data under Nagle and SWS avoidance, persist probes); what to take of
 *     a segment's data and FIN and which window to advertise. {@link packos.lib.tcp.Admission}:
 *     which segments a synchronized connection processes (PAWS, RFC 5961's RST and SYN checks,
 *     the window).</li>
 * <li>{@link packos.lib.tcp.SendBuffer}, {@link packos.lib.tcp.ReceiveBuffer}: rings copied
 *     straight to and from packet pages; {@link packos.lib.tcp.OutOfOrderQueue} keeps
 *     out-of-order data in place in the receive ring and produces SACK blocks (RFC 2018).</li>
 * <li>{@link packos.lib.tcp.SackScoreboard}: RFC 6675 loss detection, NextSeg and pipe; SACK
 *     recovery, NewReno partial acknowledgements (RFC 6582) and go-back after a timeout share it.</li>
 * <li>{@link packos.lib.tcp.LossRecovery}: when a segment counts as lost (three duplicate ACKs or
 *     SACK evidence, RFC 5681 3.2, RFC 6675), fast recovery (NewReno partial ACKs without SACK, RFC
 *     6582) and the collapse after a timeout; the initial window per RFC 6928. How far the window
 *     falls and how it grows is a {@link packos.lib.tcp.CongestionController}'s, chosen by
 *     {@link packos.lib.tcp.TcpConfig#congestionControl()}: {@link packos.lib.tcp.NewReno} (RFC
 *     5681 slow start and congestion avoidance with byte counting, RFC 3465), the default, or
 *     {@link packos.lib.tcp.Cubic} (RFC 9438: beta 0.7, the cubic curve through W_max, the
 *     Reno-friendly region, fast convergence).</li>
 * <li>{@link packos.lib.tcp.RetransmissionTimer}: RFC 6298 (SRTT, RTTVAR, Karn, backoff), with
 *     samples from {@link packos.lib.tcp.RoundTripSampler}: timestamp echoes (RFC 7323) or one
 *     timed segment per window, bounded by the age of the oldest byte in flight.</li>
 * <li>{@link packos.lib.tcp.NegotiatedOptions}: the MSS each way and the path's limit, window
 *     scaling, SACK and timestamps as the handshake settled them; {@link packos.lib.tcp.Timestamps}:
 *     this side's TSval clock, TS.Recent and PAWS (RFC 7323).</li>
 * <li>{@link packos.lib.tcp.AckPolicy}: immediate and delayed acknowledgements (RFC 5681 4.2);
 *     {@link packos.lib.tcp.SegmentWriter}: segments built in pages, options as Linux writes them.</li>
 * <li>{@link packos.lib.tcp.InitialSequenceNumbers}: RFC 6528, a 4 us clock plus SipHash of the
 *     connection's identity under a per-process secret from the seeded random source.</li>
 * <li>{@link packos.lib.tcp.SynCookies}: RFC 4987 SYN cookies as Linux makes them (a keyed hash
 *     of the 4-tuple, a one-minute count and an MSS table index in the ISN; window scale and
 *     SACK-permitted in the timestamp's low bits, lost without timestamps);
 *     {@link packos.lib.tcp.TcpConnection#sendCookieSynAck} answers a SYN without state and
 *     {@link packos.lib.tcp.TcpConnection#acceptCookie} rebuilds the connection from the ACK.</li>
 * </ul>
 * Options are written as Linux writes them (MSS, SACK-permitted, timestamps, NOP, window scale on
 * a SYN; NOP NOP timestamps on data), so a capture of PackOS reads like one of Linux.
 */
package packos.lib.tcp;
