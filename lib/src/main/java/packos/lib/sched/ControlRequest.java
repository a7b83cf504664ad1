package packos.lib.sched;

import packos.lib.wire.MalformedPacketException;

/** One request to the scheduler's control server. */
public record ControlRequest(int version, int command, int requestId) {
    public ControlRequest {
        if (version < 0 || version > 0xffff || command < 0 || command > 0xffff || requestId < 0 || requestId > 0xffff) {
            throw new IllegalArgumentException("control request fields are u16: version " + version + ", command " + command + ", request id " + requestId);
        }
    }

    public byte[] encode() {
        var b = new byte[ControlProtocol.REQUEST_LENGTH];
        putU16(b, 0, version);
        putU16(b, 2, command);
        putU16(b, 4, requestId);
        return b;
    }

    /** Decodes the 8 bytes at {@code off}. A nonzero reserved field is malformed. */
    public static ControlRequest decode(byte[] b, int off) throws MalformedPacketException {
        if (b.length - off < ControlProtocol.REQUEST_LENGTH) {
            throw new MalformedPacketException("control request: " + (b.length - off) + " bytes, expected " + ControlProtocol.REQUEST_LENGTH);
        }
        if (u16(b, off + 6) != 0) throw new MalformedPacketException("control request: reserved field is " + u16(b, off + 6) + ", expected 0");
        return new ControlRequest(u16(b, off), u16(b, off + 2), u16(b, off + 4));
    }

    static int u16(byte[] b, int off) { return (b[off] & 0xff) << 8 | b[off + 1] & 0xff; }

    static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
