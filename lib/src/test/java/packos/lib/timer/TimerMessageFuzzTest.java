package packos.lib.timer;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import packos.lib.wire.MalformedPacketException;

/**
 * Coverage-guided fuzzing of the timer protocol's decoders: any datagram is decoded into a
 * message that encodes back to the same bytes, or refused with a {@link MalformedPacketException}.
 */
class TimerMessageFuzzTest {
    /** Flag bits other than repeat are ignored on receipt, so they are the one difference allowed. */
    @FuzzTest(maxDuration = "5m")
    void aDecodedTimerRequestEncodesBackToItsBytes(byte[] bytes) throws MalformedPacketException {
        TimerRequest r;
        try {
            r = TimerRequest.decode(bytes);
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("timer request: "), e.getMessage());
            return;
        }
        var expected = bytes.clone();
        expected[12] = expected[13] = expected[14] = 0;
        expected[15] &= TimerProtocol.FLAG_REPEAT;
        assertArrayEquals(expected, r.encode());
        assertEquals(r, TimerRequest.decode(r.encode()));
    }

    @FuzzTest(maxDuration = "5m")
    void aDecodedTimerReplyEncodesBackToItsBytes(byte[] bytes) {
        TimerReply r;
        try {
            r = TimerReply.decode(bytes);
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("timer reply: "), e.getMessage());
            return;
        }
        assertArrayEquals(bytes, r.encode());
        r.isTick();
    }

    @FuzzTest(maxDuration = "5m")
    void aDecodedForgetRequestEncodesBackToItsBytes(byte[] bytes) {
        TimerProtocol.commandOf(bytes);
        ForgetRequest r;
        try {
            r = ForgetRequest.decode(bytes);
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().startsWith("timer forget: "), e.getMessage());
            return;
        }
        assertArrayEquals(bytes, r.encode());
    }
}
