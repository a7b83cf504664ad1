package packos.lib.tcp;

import static packos.lib.wire.TcpHeader.ACK;
import static packos.lib.wire.TcpHeader.RST;
import static packos.lib.wire.TcpHeader.SYN;

import packos.lib.wire.TcpHeader;
import packos.lib.wire.TcpOptions;

/**
 * Whether a segment reaching a synchronized connection may be processed: RFC 9293 3.10.7.4's
 * checks "first" to "fifth" before the ACK field, hardened as RFC 7323 (PAWS) and RFC 5961 (blind
 * RST, SYN and data injection) have them. A segment that passes updates TS.Recent.
 */
final class Admission {
    enum Verdict {
        /** Go on to the ACK field, the data and the FIN. */
        PROCESS,
        /** Drop it silently. */
        DROP,
        /** Drop it and send an ACK: an old duplicate (PAWS) or a challenge ACK (RFC 5961). */
        ACK,
        /** Outside the window: drop it and send an ACK (a retransmitted FIN in TIME-WAIT restarts 2 MSL). */
        OUT_OF_WINDOW,
        /** An RST at exactly RCV.NXT: the connection is reset. */
        RESET
    }

    private final Receiver receiver;
    private final NegotiatedOptions negotiated;
    private final Timestamps timestamps;
    private final TcpStats stats;

    Admission(Receiver receiver, NegotiatedOptions negotiated, Timestamps timestamps, TcpStats stats) {
        this.receiver = receiver;
        this.negotiated = negotiated;
        this.timestamps = timestamps;
        this.stats = stats;
    }

    /** {@code seq} is the segment's sequence number unwrapped, {@code options} its options parsed. */
    Verdict admit(TcpHeader h, TcpOptions options, long seq, long now) {
        int flags = h.flags();
        boolean rst = (flags & RST) != 0, syn = (flags & SYN) != 0;
        int payload = h.payloadLength();
        int segLen = h.sequenceLength();
        long next = receiver.next();
        boolean ts = negotiated.timestamps() && options.hasTimestamps();

        // RFC 7323 5.3 PAWS: a segment older than the last one that moved the window is a duplicate.
        // A bare ACK at RCV.NXT is exempt (as in Linux's tcp_disordered_ack): ACKs overtaking each
        // other carry nothing PAWS protects, and refusing them would only add ACKs of our own.
        boolean bareAck = segLen == 0 && !rst && seq == next;
        if (ts && !rst && !bareAck && timestamps.tooOld(options.tsVal(), now)) {
            stats.pawsRejected++;
            stats.dropped++;
            return Verdict.ACK;
        }
        if (rst) {
            // RFC 5961 3.2: only an RST at exactly RCV.NXT resets; one elsewhere in the window gets a challenge ACK.
            if (seq == next) {
                stats.resetsReceived++;
                return Verdict.RESET;
            }
            if (seq > next && seq < next + receiver.window()) {
                stats.challengeAcks++;
                return Verdict.ACK;
            }
            stats.dropped++;
            return Verdict.DROP;
        }
        if (!receiver.acceptable(seq, segLen, payload)) {
            stats.dropped++;
            return Verdict.OUT_OF_WINDOW;
        }
        if (syn) {
            // RFC 5961 4.2: a SYN in a synchronized state is answered with a challenge ACK, whatever its sequence number.
            stats.challengeAcks++;
            stats.dropped++;
            return Verdict.ACK;
        }
        if ((flags & ACK) == 0) {
            stats.dropped++;
            return Verdict.DROP;
        }
        if (ts && seq <= receiver.lastAckSent() && timestamps.notOlderThanRecent(options.tsVal())) {
            timestamps.remember(options.tsVal(), now); // RFC 7323 4.3: the TSval of the segment that covers the last ACK we sent
        }
        return Verdict.PROCESS;
    }
}
