package packos.lib.fs.dumbfs;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import packos.lib.wire.MalformedPacketException;

/**
 * The DumbFS protocol's numbers, as the original had them, and what is shared by its two messages.
 * Every field is in network byte order (the original sent host-order C structs). One request
 * per UDP datagram, always {@link #REQUEST_LENGTH} bytes; one reply, always {@link #REPLY_LENGTH}.
 *
 * <pre>
 * request: cmd u16 | requestId u16 | union (1036 bytes)
 *   Open   path[512] flags u32         Close  fileId u32
 *   Read   fileId pos count (u32 each)  Write  fileId pos count buff[1024]
 *   Delete path[512]                   Rename from[512] to[512]
 *   Stat   path[512]                   (added: the original had no stat)
 * reply:   cmd u16 | requestId u16 | error u16 | reserved u16 | union (1028 bytes)
 *   Open   fileId u32   Read actual u32 buff[1024]   Write actual u32
 *   Stat   kind u32 (0 file, 1 directory) size u64
 * </pre>
 *
 * A path is UTF-8 ending in a NUL within its 512 bytes (so at most {@link #MAX_PATH} bytes); what
 * follows the NUL is ignored. The error is a PackOS {@link packos.kernel.ErrorCode} number; end of
 * file is an error, as in the original. Unlike the original's client, ours sends a retransmitted
 * request with the same requestId, so the server can answer it from its reply cache instead of
 * doing it again.
 */
public final class DumbFs {
    private DumbFs() {}

    public static final int PORT = 5002;
    public static final int MAX_PATH = 511;
    public static final int PATH_FIELD = 512;
    public static final int MAX_BUFFER = 1024;
    public static final int REQUEST_LENGTH = 1040;
    public static final int REPLY_LENGTH = 1036;

    public static final int INVALID = 0, OPEN = 1, CLOSE = 2, READ = 3, WRITE = 4, DELETE = 5, RENAME = 6, STAT = 7;

    /** Open flags: the original's three, then what a writable layer adds. */
    public static final int FLAG_READ = 1, FLAG_WRITE = 2, FLAG_APPEND = 4, FLAG_CREATE = 8, FLAG_TRUNCATE = 16, FLAG_EXCLUSIVE = 32;
    static final int KNOWN_FLAGS = 63;

    static String commandName(int cmd) {
        return switch (cmd) {
            case OPEN -> "Open";
            case CLOSE -> "Close";
            case READ -> "Read";
            case WRITE -> "Write";
            case DELETE -> "Delete";
            case RENAME -> "Rename";
            case STAT -> "Stat";
            default -> "command " + cmd;
        };
    }

    static int u16(byte[] b, int at) { return (b[at] & 0xff) << 8 | b[at + 1] & 0xff; }

    static long u32(byte[] b, int at) { return (long) u16(b, at) << 16 | u16(b, at + 2); }

    static long u64(byte[] b, int at) { return u32(b, at) << 32 | u32(b, at + 4); }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, long v) {
        put16(b, at, (int) (v >>> 16));
        put16(b, at + 2, (int) v);
    }

    static void put64(byte[] b, int at, long v) {
        put32(b, at, v >>> 32);
        put32(b, at + 4, v);
    }

    /** Writes a path field: the UTF-8 bytes and a NUL. */
    static void putPath(byte[] b, int at, String path) {
        var bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PATH) throw new IllegalArgumentException("path of " + bytes.length + " bytes (at most " + MAX_PATH + ")");
        System.arraycopy(bytes, 0, b, at, bytes.length);
    }

    /** Reads a path field, which must end in a NUL within its 512 bytes and be UTF-8. */
    static String path(byte[] b, int at, String field) throws MalformedPacketException {
        int end = -1;
        for (int i = 0; i < PATH_FIELD; i++) {
            if (b[at + i] == 0) {
                end = i;
                break;
            }
        }
        if (end < 0) throw new MalformedPacketException("DumbFS " + field + " field: no NUL in its " + PATH_FIELD + " bytes");
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, at, end)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPacketException("DumbFS " + field + " field: not UTF-8");
        }
    }
}
