package packos.lib.net;

import packos.kernel.Packet;
import packos.kernel.Syscalls;
import packos.lib.wire.FragmentReassembler;
import packos.lib.wire.HeaderChain;
import packos.lib.wire.Icmpv6;
import packos.lib.wire.Reassembly;

/**
 * Reassembly for one process's stack (RFC 8200 section 4.5). A whole packet is rebuilt in the
 * page of the fragment that completed it, so it must fit a page: larger ones are dropped and
 * counted.
 */
final class Fragments {
    private final Syscalls sys;
    private final FragmentReassembler reassembler = new FragmentReassembler();
    long tooBig;

    Fragments(Syscalls sys) { this.sys = sys; }

    /** Takes a fragment (consuming {@code p}); returns the whole packet when this one completed it, else null. */
    Packet add(Packet p, HeaderChain.Fragmented f, Network net) {
        long now = sys.now();
        expire(now, net);
        switch (reassembler.offer(p, f.fragment(), now)) {
            case Reassembly.Incomplete i -> sys.free(p);
            case Reassembly.Discard d -> {
                net.stats().malformed++;
                sys.free(p);
            }
            case Reassembly.ParameterProblem pp -> {
                net.stats().parameterProblems++;
                net.answerError(p, Icmpv6.PARAMETER_PROBLEM, pp.code(), pp.pointer());
            }
            case Reassembly.Complete c -> {
                if (c.packetLength() > p.capacity()) {
                    tooBig++;
                    net.stats().malformed++;
                    sys.free(p);
                    return null;
                }
                c.emit(p);
                return p;
            }
        }
        return null;
    }

    /** Datagrams that waited 60 s: the source hears Time Exceeded (code 1) if its first fragment came. */
    private void expire(long now, Network net) {
        if (reassembler.datagramsHeld() == 0) return;
        for (var t : reassembler.expire(now)) {
            if (!t.answerWithTimeExceeded()) continue;
            var first = t.firstFragment();
            Packet q = sys.allocate();
            int len = Math.min(first.length, q.capacity());
            q.put(0, first, 0, len);
            q.setLength(len);
            net.answerError(q, Icmpv6.TIME_EXCEEDED, Icmpv6.REASSEMBLY_TIME_EXCEEDED, 0);
        }
    }
}
