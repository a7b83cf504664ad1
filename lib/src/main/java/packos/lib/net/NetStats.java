package packos.lib.net;

/** What a process's stack dropped and why: malformed input is counted, never thrown. */
public final class NetStats {
    long malformed, badChecksum, noSocket, socketQueueFull, icmpSent, echoAnswered, parameterProblems, fragmentsReassembled, notForUs,
            tcpResetsSent, tcpBacklogFull, tcpSynQueueDrops, tcpSynCookiesSent, tcpSynCookiesAccepted, tcpSynCookiesRejected,
            segmentsRefused, alarmsLost,
            timersReopened, timersNotReopened;

    public long malformed() { return malformed; }

    public long badChecksum() { return badChecksum; }

    public long noSocket() { return noSocket; }

    public long socketQueueFull() { return socketQueueFull; }

    public long icmpSent() { return icmpSent; }

    public long echoAnswered() { return echoAnswered; }

    public long parameterProblems() { return parameterProblems; }

    public long fragmentsReassembled() { return fragmentsReassembled; }

    public long notForUs() { return notForUs; }

    /** Segments for no connection or listener, answered with RST. */
    public long tcpResetsSent() { return tcpResetsSent; }

    /** SYNs (and cookie ACKs) dropped because a listener's accept queue was full. */
    public long tcpBacklogFull() { return tcpBacklogFull; }

    /** Half-open connections shed, oldest first, to make room in a full SYN queue (cookies off). */
    public long tcpSynQueueDrops() { return tcpSynQueueDrops; }

    /** SYN-ACKs sent with a SYN cookie because a listener's SYN queue was full. */
    public long tcpSynCookiesSent() { return tcpSynCookiesSent; }

    /** Connections made from an ACK that carried a good cookie. */
    public long tcpSynCookiesAccepted() { return tcpSynCookiesAccepted; }

    /** ACKs to a listener that carried no good cookie (forged, or older than two minutes): answered with RST. */
    public long tcpSynCookiesRejected() { return tcpSynCookiesRejected; }

    /** TCP segments the link would not take (no route, or a queue that stayed full): TCP retransmits them. */
    public long segmentsRefused() { return segmentsRefused; }

    /** Wake-up timers the timer service could not be asked for. */
    public long alarmsLost() { return alarmsLost; }

    /** Timers opened again because the timer service said it had restarted. */
    public long timersReopened() { return timersReopened; }

    /** Timers that could not be opened again after a restart of the timer service (it was gone again): the next notice retries them. */
    public long timersNotReopened() { return timersNotReopened; }

    @Override
    public String toString() {
        return "malformed=" + malformed + " badChecksum=" + badChecksum + " noSocket=" + noSocket + " socketQueueFull=" + socketQueueFull
                + " icmpSent=" + icmpSent + " echoAnswered=" + echoAnswered + " parameterProblems=" + parameterProblems
                + " fragmentsReassembled=" + fragmentsReassembled + " notForUs=" + notForUs
                + " tcpResetsSent=" + tcpResetsSent + " tcpBacklogFull=" + tcpBacklogFull
                + " tcpSynQueueDrops=" + tcpSynQueueDrops + " tcpSynCookiesSent=" + tcpSynCookiesSent + " tcpSynCookiesAccepted=" + tcpSynCookiesAccepted
                + " tcpSynCookiesRejected=" + tcpSynCookiesRejected + " segmentsRefused=" + segmentsRefused + " alarmsLost=" + alarmsLost
                + " timersReopened=" + timersReopened + " timersNotReopened=" + timersNotReopened;
    }
}
