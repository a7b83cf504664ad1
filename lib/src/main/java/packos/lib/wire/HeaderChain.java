package packos.lib.wire;

import java.util.List;

/** What walking a packet's extension headers (RFC 8200 section 4) found. */
public sealed interface HeaderChain {

    /**
     * The chain ended at a header the walk does not process itself: an upper-layer protocol, No Next
     * Header, or something the caller may not know (then it answers Parameter Problem code 1,
     * pointing at {@code nextHeaderPointer}).
     *
     * @param length bytes from {@code offset} to the end of the IPv6 payload
     * @param atomicFragment the Fragment header of an atomic fragment (RFC 6946), or null
     */
    record Upper(int protocol, int offset, int length, int nextHeaderPointer, List<ExtensionHeader> headers,
                 FragmentHeader atomicFragment) implements HeaderChain {
        public Upper {
            headers = List.copyOf(headers);
        }

        /** The protocols the walk expects a stack to handle; for anything else, Parameter Problem code 1. */
        public boolean knownUpperLayer() {
            return switch (protocol) {
                case Ipv6Header.TCP, Ipv6Header.UDP, Ipv6Header.ICMPV6, Ipv6Header.NO_NEXT_HEADER -> true;
                default -> false;
            };
        }
    }

    /** A fragment of a larger packet: the stack hands it to a {@link FragmentReassembler}. */
    record Fragmented(FragmentHeader fragment, List<ExtensionHeader> headers) implements HeaderChain {
        public Fragmented {
            headers = List.copyOf(headers);
        }
    }

    /** Drop the packet without an answer, and count it. */
    record Discard(String reason) implements HeaderChain {}

    /** Drop the packet and answer with ICMPv6 Parameter Problem {@code code}, pointing at byte {@code pointer}. */
    record ParameterProblem(int code, int pointer, String reason) implements HeaderChain {}
}
