package packos.lib.sched;

import packos.kernel.ErrorCode;
import packos.lib.wire.MalformedPacketException;

/** The scheduler's answer to one control request: the request's fields echoed, and an error number (0: none). */
public record ControlReply(int version, int command, int requestId, int error) {
    public byte[] encode() {
        var b = new byte[ControlProtocol.REPLY_LENGTH];
        ControlRequest.putU16(b, 0, version);
        ControlRequest.putU16(b, 2, command);
        ControlRequest.putU16(b, 4, requestId);
        b[8] = (byte) (error >>> 24);
        b[9] = (byte) (error >>> 16);
        b[10] = (byte) (error >>> 8);
        b[11] = (byte) error;
        return b;
    }

    public static ControlReply decode(byte[] b) throws MalformedPacketException {
        if (b.length != ControlProtocol.REPLY_LENGTH) {
            throw new MalformedPacketException("control reply: " + b.length + " bytes, expected " + ControlProtocol.REPLY_LENGTH);
        }
        // Bytes 6 and 7 are reserved and written as zero: a reply that says otherwise would not read back as sent.
        if (b[6] != 0 || b[7] != 0) {
            throw new MalformedPacketException("control reply: reserved bytes 6-7 are 0x%02x%02x, expected zero".formatted(b[6] & 0xff, b[7] & 0xff));
        }
        int error = (b[8] & 0xff) << 24 | (b[9] & 0xff) << 16 | (b[10] & 0xff) << 8 | b[11] & 0xff;
        return new ControlReply(ControlRequest.u16(b, 0), ControlRequest.u16(b, 2), ControlRequest.u16(b, 4), error);
    }

    public static ControlReply answering(ControlRequest r, ErrorCode error) {
        return new ControlReply(ControlProtocol.VERSION, r.command(), r.requestId(), error.number());
    }
}
