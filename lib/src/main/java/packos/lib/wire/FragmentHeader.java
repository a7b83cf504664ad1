package packos.lib.wire;

/**
 * A Fragment header (RFC 8200 section 4.5) as found by the header walk. The unfragmentable part
 * of the packet is everything before {@code headerOffset}; the fragmentable part this fragment
 * carries runs from {@link #dataOffset()} to {@code dataEnd}.
 *
 * @param headerOffset where the Fragment header starts
 * @param nextHeader the header that starts the fragmentable part
 * @param fragmentOffset where this fragment's data goes in the fragmentable part, in bytes
 * @param moreFragments the M flag
 * @param identification the 32-bit identification, unsigned
 * @param nextHeaderPointer the next header field that names this Fragment header
 * @param dataEnd the end of the IPv6 payload, and so of this fragment's data
 */
public record FragmentHeader(int headerOffset, int nextHeader, int fragmentOffset, boolean moreFragments,
                             long identification, int nextHeaderPointer, int dataEnd) {
    public static final int LENGTH = 8;

    public int dataOffset() { return headerOffset + LENGTH; }

    public int dataLength() { return dataEnd - dataOffset(); }

    /** Where the fragment offset field is, for a Parameter Problem pointer. */
    public int fragmentOffsetField() { return headerOffset + 2; }

    /** An atomic fragment (RFC 6946) is a whole packet that merely carries a Fragment header. */
    public boolean atomic() { return fragmentOffset == 0 && !moreFragments; }
}
