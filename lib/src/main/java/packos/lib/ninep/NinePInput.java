package packos.lib.ninep;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import packos.lib.wire.MalformedPacketException;

/**
 * Reads one 9P message's fields in order, little-endian, each read checked against the message's
 * end: a field that would run past it is a {@link MalformedPacketException} naming the message and
 * the field, never an index out of bounds.
 */
final class NinePInput {
    private final byte[] b;
    private final int end;
    private final String message;
    private int at;

    NinePInput(byte[] b, int offset, int end, String message) {
        this.b = b;
        this.at = offset;
        this.end = end;
        this.message = message;
    }

    private void need(int n, String field) throws MalformedPacketException {
        if (end - at < n) throw new MalformedPacketException(message + " " + field + " field: " + (end - at) + " bytes left, " + n + " needed");
    }

    int u8(String field) throws MalformedPacketException {
        need(1, field);
        return b[at++] & 0xff;
    }

    int u16(String field) throws MalformedPacketException {
        need(2, field);
        int v = b[at] & 0xff | (b[at + 1] & 0xff) << 8;
        at += 2;
        return v;
    }

    long u32(String field) throws MalformedPacketException {
        need(4, field);
        long v = (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
        at += 4;
        return v;
    }

    long u64(String field) throws MalformedPacketException {
        long low = u32(field);
        return low | u32(field) << 32;
    }

    String string(String field) throws MalformedPacketException {
        int n = u16(field + " length");
        need(n, field);
        try {
            var s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, at, n)).toString();
            at += n;
            return s;
        } catch (CharacterCodingException e) {
            throw new MalformedPacketException(message + " " + field + " field: not UTF-8");
        }
    }

    Qid qid(String field) throws MalformedPacketException {
        return new Qid(u8(field + " type"), u32(field + " version"), u64(field + " path"));
    }

    /** {@code n} bytes, copied out. */
    byte[] bytes(int n, String field) throws MalformedPacketException {
        need(n, field);
        var out = java.util.Arrays.copyOfRange(b, at, at + n);
        at += n;
        return out;
    }

    /** Where the next field starts, for data handed on without a copy. */
    int position() { return at; }

    void skip(int n, String field) throws MalformedPacketException {
        need(n, field);
        at += n;
    }

    /** Refuses bytes after the last field: a size field that lies is caught either way. */
    void end() throws MalformedPacketException {
        if (at != end) throw new MalformedPacketException(message + ": " + (end - at) + " bytes after the last field (the size field says more than the fields hold)");
    }
}
