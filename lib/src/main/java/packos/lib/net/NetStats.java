package packos.lib.net;

/** What a process's stack dropped and why: malformed input is counted, never thrown. */
public final class NetStats {
    long malformed, badChecksum, noSocket, socketQueueFull, icmpSent, echoAnswered, parameterProblems, fragmentsReassembled, notForUs;

    public long malformed() { return malformed; }

    public long badChecksum() { return badChecksum; }

    public long noSocket() { return noSocket; }

    public long socketQueueFull() { return socketQueueFull; }

    public long icmpSent() { return icmpSent; }

    public long echoAnswered() { return echoAnswered; }

    public long parameterProblems() { return parameterProblems; }

    public long fragmentsReassembled() { return fragmentsReassembled; }

    public long notForUs() { return notForUs; }

    @Override
    public String toString() {
        return "malformed=" + malformed + " badChecksum=" + badChecksum + " noSocket=" + noSocket + " socketQueueFull=" + socketQueueFull
                + " icmpSent=" + icmpSent + " echoAnswered=" + echoAnswered + " parameterProblems=" + parameterProblems
                + " fragmentsReassembled=" + fragmentsReassembled + " notForUs=" + notForUs;
    }
}
