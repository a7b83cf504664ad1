package packos.lib.timer;

import java.nio.ByteBuffer;
import packos.kernel.Address;
import packos.lib.wire.MalformedPacketException;

/** The scheduler's word to the timer service that the process at {@code owner} ended: its timers go. */
public record ForgetRequest(int requestId, Address owner) {

    public byte[] encode() {
        var bytes = ByteBuffer.allocate(TimerProtocol.MESSAGE_LENGTH)
                .putShort((short) TimerProtocol.VERSION).putShort((short) TimerProtocol.FORGET).putInt(requestId).array();
        owner.toBytes(bytes, 8);
        return bytes;
    }

    public static ForgetRequest decode(byte[] data) throws MalformedPacketException {
        if (data.length != TimerProtocol.MESSAGE_LENGTH) {
            throw new MalformedPacketException("timer forget: " + data.length + " bytes, expected " + TimerProtocol.MESSAGE_LENGTH);
        }
        var b = ByteBuffer.wrap(data);
        int version = b.getShort() & 0xffff;
        if (version != TimerProtocol.VERSION) throw new MalformedPacketException("timer forget: version " + version + ", expected 1");
        int command = b.getShort() & 0xffff;
        if (command != TimerProtocol.FORGET) throw new MalformedPacketException("timer forget: command " + command + ", expected " + TimerProtocol.FORGET);
        return new ForgetRequest(b.getInt(), Address.fromBytes(data, 8));
    }
}
