package packos.lib.wire;

import packos.kernel.Packet;

/**
 * The type-length-value options of a Hop-by-Hop or Destination Options header (RFC 8200
 * section 4.2). No option is implemented beyond padding, so every other option is handled by the
 * action its type's top two bits ask for.
 */
public final class OptionsHeader {
    public static final int PAD1 = 0;
    public static final int PADN = 1;

    public static final int ACTION_SKIP = 0;
    public static final int ACTION_DISCARD = 1;
    public static final int ACTION_DISCARD_AND_ANSWER = 2;
    public static final int ACTION_DISCARD_AND_ANSWER_UNLESS_MULTICAST = 3;

    private OptionsHeader() {}

    /** The action an unrecognized option asks for: its type's top two bits. */
    public static int action(int optionType) { return (optionType >>> 6) & 3; }

    /**
     * Processes the options of the header at {@code offset}, {@code length} bytes long and inside
     * the packet. Returns null when the walk may go on to the next header.
     */
    static HeaderChain process(Packet p, int offset, int length, boolean multicastDestination, String header) {
        int end = offset + length;
        int i = offset + 2;
        while (i < end) {
            int type = p.u8(i);
            if (type == PAD1) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                return new HeaderChain.ParameterProblem(Icmpv6.ERRONEOUS_HEADER_FIELD, i,
                        header + " header: option " + hex(type) + " at " + i + " has no room for its length field");
            }
            int optionEnd = i + 2 + p.u8(i + 1);
            if (optionEnd > end) {
                return new HeaderChain.ParameterProblem(Icmpv6.ERRONEOUS_HEADER_FIELD, i + 1,
                        header + " header: option " + hex(type) + " length field " + p.u8(i + 1) + " runs past the header's end");
            }
            if (type != PADN) {
                String what = header + " header: unrecognized option " + hex(type);
                switch (action(type)) {
                    case ACTION_SKIP -> { }
                    case ACTION_DISCARD -> {
                        return new HeaderChain.Discard(what + " asks for a silent discard");
                    }
                    case ACTION_DISCARD_AND_ANSWER -> {
                        return new HeaderChain.ParameterProblem(Icmpv6.UNRECOGNIZED_OPTION, i, what);
                    }
                    default -> {
                        return multicastDestination
                                ? new HeaderChain.Discard(what + " sent to a multicast destination")
                                : new HeaderChain.ParameterProblem(Icmpv6.UNRECOGNIZED_OPTION, i, what);
                    }
                }
            }
            i = optionEnd;
        }
        return null;
    }

    private static String hex(int type) { return String.format("0x%02x", type); }
}
