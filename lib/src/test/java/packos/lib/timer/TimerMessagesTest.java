package packos.lib.timer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import packos.kernel.ErrorCode;
import packos.lib.wire.MalformedPacketException;
import org.junit.jupiter.api.Test;

/** The timer protocol's two messages: 24 bytes each, network byte order, exact lengths only. */
class TimerMessagesTest {
    @Test
    void requestEncodesInNetworkOrderAndDecodesToItself() throws Exception {
        var r = new TimerRequest(TimerProtocol.VERSION, TimerProtocol.OPEN, 0x01020304, 0x0a0b0c0d, true, 0x1122334455667788L);
        byte[] wire = r.encode();
        assertEquals("0001" + "0001" + "01020304" + "0a0b0c0d" + "00000001" + "1122334455667788", HexFormat.of().formatHex(wire));
        assertEquals(r, TimerRequest.decode(wire));
    }

    @Test
    void requestRoundTripKeepsEveryFieldIncludingUnsignedExtremes() throws Exception {
        for (var r : new TimerRequest[] {
                new TimerRequest(TimerProtocol.VERSION, TimerProtocol.CLOSE, 7, 42, false, 0),
                new TimerRequest(0xffff, 0xffff, -1, -1, true, Long.MAX_VALUE),
                new TimerRequest(2, TimerProtocol.INVALID, 0, 0, false, -1)}) {
            assertEquals(r, TimerRequest.decode(r.encode()));
        }
    }

    @Test
    void requestFlagsOtherThanRepeatAreIgnored() throws Exception {
        byte[] wire = new TimerRequest(1, TimerProtocol.OPEN, 1, 1, false, 10).encode();
        wire[15] = (byte) 0xfe; // every flag bit but repeat
        assertEquals(false, TimerRequest.decode(wire).repeat());
    }

    @Test
    void replyEncodesInNetworkOrderAndDecodesToItself() throws Exception {
        var r = new TimerReply(TimerProtocol.TICK, 9, 0x0a0b0c0d, 0, 30_000_000L);
        byte[] wire = r.encode();
        assertEquals("0001" + "0003" + "00000009" + "0a0b0c0d" + "00000000" + "0000000001c9c380", HexFormat.of().formatHex(wire));
        assertEquals(r, TimerReply.decode(wire));
        assertTrue(r.isTick());
    }

    @Test
    void errorReplyCarriesTheErrorCodeNumberAndIsNoTick() throws Exception {
        var r = TimerReply.decode(new TimerReply(TimerProtocol.CLOSE, 3, 5, ErrorCode.TIMER_NOT_OPEN.number(), 0).encode());
        assertEquals(ErrorCode.TIMER_NOT_OPEN, r.errorCode());
        assertEquals(TimerProtocol.CLOSE, r.command());
        assertEquals(false, r.isTick());
        var tickWithError = new TimerReply(TimerProtocol.TICK, 0, 1, ErrorCode.INVALID_ARGUMENT.number(), 0);
        assertEquals(false, tickWithError.isTick());
    }

    @Test
    void wrongLengthsAreMalformed() {
        for (int length : new int[] {0, 1, 23, 25, 48}) {
            var e = assertThrows(MalformedPacketException.class, () -> TimerRequest.decode(new byte[length]));
            assertTrue(e.getMessage().contains(length + " bytes"), e.getMessage());
            e = assertThrows(MalformedPacketException.class, () -> TimerReply.decode(new byte[length]));
            assertTrue(e.getMessage().contains(length + " bytes"), e.getMessage());
        }
    }

    @Test
    void replyWithAnotherVersionIsMalformed() {
        byte[] wire = new TimerReply(TimerProtocol.TICK, 0, 1, 0, 0).encode();
        wire[1] = 2;
        var e = assertThrows(MalformedPacketException.class, () -> TimerReply.decode(wire));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void requestKeepsAnotherVersionForTheServiceToAnswer() throws Exception {
        // The service answers WRONG_PROTOCOL_VERSION, so decoding must not throw the version away.
        byte[] wire = new TimerRequest(TimerProtocol.VERSION, TimerProtocol.OPEN, 1, 1, false, 10).encode();
        wire[1] = 9;
        assertEquals(9, TimerRequest.decode(wire).version());
        assertArrayEquals(wire, TimerRequest.decode(wire).encode());
    }
}
