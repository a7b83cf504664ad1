package packos.lib.wire;

/**
 * Input that is not a well-formed packet. Checked, so that a parser's caller must decide what a
 * bad packet means to it (usually: count it and drop it); the message names the header and the
 * field that was wrong.
 */
public final class MalformedPacketException extends Exception {
    public MalformedPacketException(String message) { super(message); }
}
