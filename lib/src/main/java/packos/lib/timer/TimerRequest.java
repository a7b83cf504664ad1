package packos.lib.timer;

import java.nio.ByteBuffer;
import packos.lib.wire.MalformedPacketException;

/** An Open or Close request to the timer service. */
public record TimerRequest(int version, int command, int requestId, int timerId, boolean repeat, long intervalMicros) {

    public byte[] encode() {
        return ByteBuffer.allocate(TimerProtocol.MESSAGE_LENGTH)
                .putShort((short) version).putShort((short) command).putInt(requestId).putInt(timerId)
                .putInt(repeat ? TimerProtocol.FLAG_REPEAT : 0).putLong(intervalMicros).array();
    }

    public static TimerRequest decode(byte[] data) throws MalformedPacketException {
        if (data.length != TimerProtocol.MESSAGE_LENGTH) {
            throw new MalformedPacketException("timer request: " + data.length + " bytes, expected " + TimerProtocol.MESSAGE_LENGTH);
        }
        var b = ByteBuffer.wrap(data);
        int version = b.getShort() & 0xffff;
        int command = b.getShort() & 0xffff;
        int requestId = b.getInt();
        int timerId = b.getInt();
        int flags = b.getInt();
        long interval = b.getLong();
        return new TimerRequest(version, command, requestId, timerId, (flags & TimerProtocol.FLAG_REPEAT) != 0, interval);
    }
}
