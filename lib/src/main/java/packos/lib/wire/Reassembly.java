package packos.lib.wire;

import packos.kernel.Packet;

/** What offering one fragment to a {@link FragmentReassembler} came to. */
public sealed interface Reassembly {

    /** Held until the rest arrives; or an exact duplicate, dropped (RFC 8200 section 4.5 allows it). */
    record Incomplete() implements Reassembly {}

    /**
     * The original packet is whole again.
     *
     * @param nextHeader the first fragment's next header: the header that starts {@code payload}
     * @param nextHeaderPointer where, in {@code unfragmentable}, the next header field that named the Fragment header is
     * @param unfragmentable the first fragment's IPv6 header and the extension headers before its Fragment header
     * @param payload the fragmentable part, all fragments' data in order
     */
    record Complete(FragmentKey key, int nextHeader, int nextHeaderPointer, byte[] unfragmentable, byte[] payload)
            implements Reassembly {

        public int packetLength() { return unfragmentable.length + payload.length; }

        /** Writes the reassembled packet: the unfragmentable part, without the Fragment header, then the payload. */
        public void emit(Packet into) {
            if (packetLength() > into.capacity()) {
                throw new IllegalArgumentException("a reassembled packet of " + packetLength() + " bytes does not fit a page of "
                        + into.capacity());
            }
            into.put(0, unfragmentable);
            into.put(unfragmentable.length, payload);
            into.setLength(packetLength());
            into.putU16(Ipv6Header.PAYLOAD_LENGTH_FIELD, packetLength() - Ipv6Header.LENGTH);
            into.putU8(nextHeaderPointer, nextHeader);
        }
    }

    /** Drop the fragment silently, and count it. */
    record Discard(String reason) implements Reassembly {}

    /** Drop the fragment and answer with ICMPv6 Parameter Problem {@code code}, pointing at byte {@code pointer} of it. */
    record ParameterProblem(int code, int pointer, String reason) implements Reassembly {}
}
