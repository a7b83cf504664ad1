package packos.lib.sched;

import packos.lib.wire.MalformedPacketException;

/**
 * The fixed part of one request to the scheduler's control server.
 *
 * @param payloadLength the bytes that follow (a spawn's program and arguments); 0 for every other command
 */
public record ControlRequest(int version, int command, int requestId, int payloadLength) {
    public ControlRequest {
        if (version < 0 || version > 0xffff || command < 0 || command > 0xffff || requestId < 0 || requestId > 0xffff
                || payloadLength < 0 || payloadLength > 0xffff) {
            throw new IllegalArgumentException("control request fields are u16: version " + version + ", command " + command
                    + ", request id " + requestId + ", payload length " + payloadLength);
        }
    }

    /** A request without payload. */
    public ControlRequest(int version, int command, int requestId) { this(version, command, requestId, 0); }

    public byte[] encode() {
        var b = new byte[ControlProtocol.REQUEST_LENGTH];
        putU16(b, 0, version);
        putU16(b, 2, command);
        putU16(b, 4, requestId);
        putU16(b, 6, payloadLength);
        return b;
    }

    /**
     * Decodes the 8 bytes at {@code off}. Only a spawn carries a payload, of 1 to
     * {@link ControlProtocol#MAX_PAYLOAD} bytes; any other command with a nonzero last field is malformed.
     */
    public static ControlRequest decode(byte[] b, int off) throws MalformedPacketException {
        if (b.length - off < ControlProtocol.REQUEST_LENGTH) {
            throw new MalformedPacketException("control request: " + (b.length - off) + " bytes, expected " + ControlProtocol.REQUEST_LENGTH);
        }
        int command = u16(b, off + 2), length = u16(b, off + 6);
        if (command == ControlProtocol.SPAWN) {
            if (length < 1 || length > ControlProtocol.MAX_PAYLOAD) {
                throw new MalformedPacketException("control request: spawn payload length " + length + " is not in 1.." + ControlProtocol.MAX_PAYLOAD);
            }
        } else if (length != 0) {
            throw new MalformedPacketException("control request: reserved field is " + length + ", expected 0");
        }
        return new ControlRequest(u16(b, off), command, u16(b, off + 4), length);
    }

    static int u16(byte[] b, int off) { return (b[off] & 0xff) << 8 | b[off + 1] & 0xff; }

    static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
