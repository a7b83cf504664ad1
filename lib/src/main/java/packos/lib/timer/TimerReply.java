package packos.lib.timer;

import java.nio.ByteBuffer;
import packos.kernel.ErrorCode;
import packos.lib.wire.MalformedPacketException;

/** A Tick, or an error answering an Open or Close. */
public record TimerReply(int command, int requestId, int timerId, int error, long machineTimeNanos) {

    public boolean isTick() { return command == TimerProtocol.TICK && error == 0; }

    public ErrorCode errorCode() { return ErrorCode.fromNumber(error); }

    public byte[] encode() {
        return ByteBuffer.allocate(TimerProtocol.MESSAGE_LENGTH)
                .putShort((short) TimerProtocol.VERSION).putShort((short) command).putInt(requestId).putInt(timerId)
                .putInt(error).putLong(machineTimeNanos).array();
    }

    public static TimerReply decode(byte[] data) throws MalformedPacketException {
        if (data.length != TimerProtocol.MESSAGE_LENGTH) {
            throw new MalformedPacketException("timer reply: " + data.length + " bytes, expected " + TimerProtocol.MESSAGE_LENGTH);
        }
        var b = ByteBuffer.wrap(data);
        int version = b.getShort() & 0xffff;
        if (version != TimerProtocol.VERSION) throw new MalformedPacketException("timer reply: version " + version + ", expected 1");
        int command = b.getShort() & 0xffff;
        return new TimerReply(command, b.getInt(), b.getInt(), b.getInt(), b.getLong());
    }
}
