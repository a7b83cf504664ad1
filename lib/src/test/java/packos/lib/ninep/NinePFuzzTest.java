package packos.lib.ninep;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import packos.lib.fs.CodeFileSystem;
import packos.lib.fs.CodeTree;
import packos.lib.fs.MemoryFileSystem;
import packos.lib.fs.Namespace;
import packos.lib.wire.MalformedPacketException;

/**
 * Coverage-guided fuzzing (Jazzer) of the 9P2000.L server side: the input is a stream of messages
 * as a client sends them, each framed by its size field. Each one checks or is refused naming a
 * field, and each checked one gets a reply that is itself a well-formed 9P reply; a session never
 * throws, whatever the order of messages.
 */
class NinePFuzzTest {
    /** What a client receives: any bytes are a checked reply or a refusal naming a 9P field, never another exception. */
    @FuzzTest(maxDuration = "5m")
    void any_bytes_are_a_checked_reply_or_a_named_refusal(byte[] bytes) {
        try {
            var reply = RMessage.check(bytes, 0, bytes.length);
            if (reply instanceof RMessage.Read r) assertTrue(r.dataOffset() + r.count() <= bytes.length);
            if (reply instanceof RMessage.Walk w) assertTrue(w.qids().size() <= NineP.MAX_WALK);
        } catch (MalformedPacketException e) {
            assertTrue(e.getMessage().contains(" field") || e.getMessage().startsWith("9P reply"), e.getMessage());
        }
    }

    @FuzzTest(maxDuration = "5m")
    void any_message_stream_gets_well_formed_replies(byte[] bytes) throws MalformedPacketException {
        var ns = new Namespace().mount("/code", new CodeFileSystem(CodeTree.builder("t").file("f", "x".getBytes(StandardCharsets.UTF_8)).build()))
                .mount("/data", new MemoryFileSystem("d", 1 << 20, 1000, () -> 0));
        var session = new NinePSession(ns);
        int at = 0;
        while (bytes.length - at >= 4) {
            long size;
            try {
                size = TMessage.size(bytes, at, NineP.MAX_MSIZE);
            } catch (MalformedPacketException e) {
                assertTrue(e.getMessage().startsWith("9P size field"), e.getMessage());
                return;  // a server closes the connection: nothing after it can be framed
            }
            int length = (int) Math.min(size, bytes.length - at);
            byte[] reply;
            try {
                reply = session.answer(TMessage.check(bytes, at, length));
            } catch (MalformedPacketException e) {
                reply = NinePSession.malformed(bytes, at, length);
            }
            // Every reply the session makes is one a client accepts.
            RMessage.check(reply, 0, reply.length);
            at += length;
        }
    }
}
