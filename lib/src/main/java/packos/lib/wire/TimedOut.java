package packos.lib.wire;

/**
 * A datagram whose fragments did not all arrive within 60 seconds. Only when its first fragment
 * (offset 0) did is the source told, with Time Exceeded code 1 quoting that fragment
 * (RFC 8200 section 4.5).
 *
 * @param firstFragment the whole first fragment packet, or null if it never arrived
 */
public record TimedOut(FragmentKey key, byte[] firstFragment) {
    public boolean answerWithTimeExceeded() { return firstFragment != null; }
}
