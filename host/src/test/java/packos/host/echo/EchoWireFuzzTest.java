package packos.host.echo;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import packos.kernel.Packet;
import packos.kernel.Prefix;
import packos.lib.wire.Checksums;
import packos.lib.wire.EthernetFrame;
import packos.lib.wire.Eui64;
import packos.lib.wire.ExtensionHeaders;
import packos.lib.wire.HeaderChain;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.MalformedPacketException;

/**
 * Coverage-guided fuzzing (Jazzer) of the machine's Ethernet side: the echo wire's host (the
 * {@link packos.host.ethernet.EthernetHost} that the user network also is, with the echo service)
 * takes any sequence of frames from the card. Nothing it is sent makes it throw; every frame it
 * answers with is a well-formed Ethernet frame carrying a well-formed IPv6 packet whose checksum
 * holds; and it answers no frame with more than a few.
 *
 * <p>Each frame comes with a byte of presentation: bits 0 and 1 aim it at the host (its MAC, its
 * address; bit 3 picks the link-local one), bit 2 fixes the upper-layer checksum, so the fuzzer
 * reaches what lies behind those checks; bits 4 to 7 let half-seconds pass before it.
 */
class EchoWireFuzzTest {
    private static final Prefix KAN = Prefix.parse("fd00:7e8e::/64");
    private static final int MAX_ANSWERS_PER_FRAME = 8;

    @FuzzTest(maxDuration = "10m")
    void any_frames_are_answered_only_with_well_formed_frames(byte[] input) {
        long[] now = {0};
        var wire = EchoWire.open(KAN, 1, () -> now[0]);
        var answers = new ArrayList<byte[]>();
        wire.start((frame, length) -> answers.add(Arrays.copyOf(frame, length)));
        // The input is a run of frames, each: mode (1 byte), length (2 bytes), the frame.
        for (int at = 0; at + 3 <= input.length; ) {
            int mode = input[at] & 0xff;
            int length = Math.min((input[at + 1] & 0xff) << 8 | input[at + 2] & 0xff, input.length - at - 3);
            var frame = Arrays.copyOfRange(input, at + 3, at + 3 + length);
            at += 3 + length;
            // The top bits of the mode let time pass, so the neighbour cache's timers run too.
            now[0] += (mode >>> 4) * 500_000_000L;
            present(frame, mode);
            answers.clear();
            boolean taken = wire.transmit(frame, 0, frame.length);
            assertEquals(frame.length >= 14 && frame.length <= 1514, taken);
            assertTrue(answers.size() <= MAX_ANSWERS_PER_FRAME, answers.size() + " answers to one frame");
            for (var answer : answers) wellFormed(answer);
        }
        wire.close();
    }

    /** Aims the frame at the host as the mode asks, where the frame is long enough to hold the field. */
    private static void present(byte[] frame, int mode) {
        if ((mode & 1) != 0 && frame.length >= 14) {
            EchoWire.MAC.toBytes(frame, 0);
            frame[12] = (byte) 0x86;
            frame[13] = (byte) 0xdd;
        }
        if ((mode & 2) != 0 && frame.length >= 14 + 40) {
            frame[14] = (byte) (0x60 | (frame[14] & 0x0f));
            int payload = frame.length - 14 - 40;
            frame[14 + 4] = (byte) (payload >>> 8);
            frame[14 + 5] = (byte) payload;
            ((mode & 8) != 0 ? Eui64.linkLocal(EchoWire.MAC) : EchoWire.ADDRESS).toBytes(frame, 14 + 24);
        }
        if ((mode & 4) != 0 && frame.length >= 14 + 40) {
            var ip = Packet.of(Arrays.copyOfRange(frame, 14, frame.length));
            try {
                var h = Ipv6Header.check(ip);
                if (ExtensionHeaders.walk(ip) instanceof HeaderChain.Upper u) {
                    int field = switch (u.protocol()) {
                        case Ipv6Header.ICMPV6 -> 2;
                        case Ipv6Header.UDP -> 6;
                        case Ipv6Header.TCP -> 16;
                        default -> -1;
                    };
                    if (field >= 0 && u.length() >= field + 2) {
                        if (u.protocol() == Ipv6Header.ICMPV6 && ip.u8(u.offset()) >= 133 && ip.u8(u.offset()) <= 137) h.setHopLimit(255);
                        ip.putU16(u.offset() + field, 0);
                        int sum = Checksums.compute(ip, u.offset(), u.length(), h.source(), h.destination(), u.protocol());
                        ip.putU16(u.offset() + field, sum == 0 && u.protocol() == Ipv6Header.UDP ? 0xffff : sum);
                        var fixed = ip.toByteArray();
                        System.arraycopy(fixed, 0, frame, 14, fixed.length);
                    }
                }
            } catch (MalformedPacketException e) {
                // Left as it is: the host must drop it.
            }
        }
    }

    private static void wellFormed(byte[] answer) {
        var frame = assertDoesNotThrow(() -> EthernetFrame.check(answer));
        assertTrue(answer.length >= EthernetFrame.MINIMUM_LENGTH && answer.length <= EthernetFrame.MAXIMUM_LENGTH, "frame of " + answer.length);
        assertEquals(EchoWire.MAC, frame.source());
        assertTrue(frame.isIpv6());
        var ip = Packet.standalone(frame.payloadLength());
        frame.copyPayloadTo(ip);
        var h = assertDoesNotThrow(() -> Ipv6Header.check(ip));
        ip.setLength(h.payloadEnd());
        assertTrue(List.of(EchoWire.ADDRESS, Eui64.linkLocal(EchoWire.MAC)).contains(h.source()), "answer from " + h.source());
        assertFalse(h.destination().isUnspecified());
        var chain = assertInstanceOf(HeaderChain.Upper.class, ExtensionHeaders.walk(ip));
        assertTrue(chain.protocol() == Ipv6Header.ICMPV6 || chain.protocol() == Ipv6Header.UDP, "answer protocol " + chain.protocol());
        assertTrue(Checksums.verify(ip, chain.offset(), chain.length(), h.source(), h.destination(), chain.protocol()), "answer checksum");
        assertTrue(h.payloadEnd() <= Ipv6Header.MINIMUM_MTU || chain.protocol() == Ipv6Header.UDP || ip.u8(chain.offset()) == 129,
                "an ICMPv6 error over the minimum MTU");
    }
}
