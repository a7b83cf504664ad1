package packos.host.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal pcapng reader written from the spec, independent of the writer, so tests check the
 * file and not the writer against itself. It fails loudly on anything a strict reader would reject.
 */
final class PcapngFile {
    sealed interface Block permits Section, InterfaceDescription, EnhancedPacket {}

    record Section(int major, int minor, long sectionLength, Map<Integer, byte[]> options) implements Block {}

    record InterfaceDescription(int linkType, int snapLen, Map<Integer, byte[]> options) implements Block {
        String name() { return new String(options.get(2), StandardCharsets.UTF_8); }

        int tsresol() { return options.get(9)[0]; }
    }

    record EnhancedPacket(int interfaceId, long timestampHigh, long timestampLow, int capturedLength, int originalLength,
                          byte[] data, Map<Integer, byte[]> options) implements Block {
        long timeNanos() { return (timestampHigh << 32) | timestampLow; }

        String comment() {
            var c = options.get(1);
            return c == null ? null : new String(c, StandardCharsets.UTF_8);
        }
    }

    private PcapngFile() {}

    static List<Block> read(byte[] file) {
        var buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        var blocks = new ArrayList<Block>();
        while (buf.hasRemaining()) {
            int start = buf.position();
            check(buf.remaining() >= 12, "truncated block header at " + start);
            int type = buf.getInt();
            int total = buf.getInt();
            check(total >= 12 && total % 4 == 0, "block at " + start + " has length " + total);
            check(total <= file.length - start, "block at " + start + " runs past the end");
            int trailer = ByteBuffer.wrap(file, start + total - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            check(trailer == total, "block at " + start + ": trailing length " + trailer + " != " + total);
            var body = ByteBuffer.wrap(file, start + 8, total - 12).slice().order(ByteOrder.LITTLE_ENDIAN);
            check(blocks.isEmpty() == (type == 0x0A0D0D0A), "the section header must come first and only once");
            blocks.add(switch (type) {
                case 0x0A0D0D0A -> {
                    check(body.getInt() == 0x1A2B3C4D, "byte-order magic");
                    yield new Section(body.getShort() & 0xffff, body.getShort() & 0xffff, body.getLong(), options(body));
                }
                case 1 -> {
                    int linkType = body.getShort() & 0xffff;
                    check(body.getShort() == 0, "IDB reserved field");
                    yield new InterfaceDescription(linkType, body.getInt(), options(body));
                }
                case 6 -> {
                    int id = body.getInt();
                    long high = body.getInt() & 0xffffffffL;
                    long low = body.getInt() & 0xffffffffL;
                    int captured = body.getInt();
                    int original = body.getInt();
                    check(captured <= original, "captured length exceeds original");
                    var data = new byte[captured];
                    body.get(data);
                    zeroPadding(body, captured);
                    yield new EnhancedPacket(id, high, low, captured, original, data, options(body));
                }
                default -> throw new AssertionError("unexpected block type " + type + " at " + start);
            });
            buf.position(start + total);
        }
        return blocks;
    }

    /** Options until opt_endofopt or the end of the body; each value padded with zeros to 32 bits. */
    private static Map<Integer, byte[]> options(ByteBuffer body) {
        var options = new LinkedHashMap<Integer, byte[]>();
        while (body.hasRemaining()) {
            int code = body.getShort() & 0xffff;
            int len = body.getShort() & 0xffff;
            if (code == 0) {
                check(len == 0 && !body.hasRemaining(), "opt_endofopt must be empty and last");
                return options;
            }
            var value = new byte[len];
            body.get(value);
            zeroPadding(body, len);
            check(options.put(code, value) == null, "option " + code + " repeated");
        }
        check(options.isEmpty(), "options present but no opt_endofopt");
        return options;
    }

    private static void zeroPadding(ByteBuffer body, int len) {
        var pad = new byte[((len + 3) & ~3) - len];
        body.get(pad);
        check(Arrays.equals(pad, new byte[pad.length]), "padding is not zero");
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError("bad pcapng: " + what);
    }
}
