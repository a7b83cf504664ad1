package packos.lib.tcp;

import static org.junit.jupiter.api.Assertions.*;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import packos.kernel.Address;
import packos.kernel.Packet;
import packos.lib.wire.MalformedPacketException;
import packos.lib.wire.TcpHeader;
import packos.lib.wire.TcpOptions;

/**
 * Cookie validation under inputs chosen by a fuzzer (plain {@code mvn test} replays the stored
 * inputs under SynCookiesFuzzTestInputs; JAZZER_FUZZ=1 searches for more): a cookie made is
 * good for two periods and no longer, any 32-bit number checks to "no" or a table index, and a
 * connection rebuilt from a good cookie with whatever options and data the ACK carries is sound.
 */
class SynCookiesFuzzTest {
    private static final long MASK = 0xffffffffL;

    @FuzzTest(maxDuration = "30s")
    void anyAckChecksToNoOrAnIndexAndAConnectionFromAGoodOneIsSound(FuzzedDataProvider data) throws MalformedPacketException {
        var cookies = new SynCookies(data.consumeLong());
        var local = new Address(data.consumeLong(), data.consumeLong());
        var remote = new Address(data.consumeLong(), data.consumeLong());
        int localPort = data.consumeInt(1, 65535), remotePort = data.consumeInt(1, 65535);
        long now = data.consumeLong(0, Long.MAX_VALUE / 4);
        long clientIsn = data.consumeLong(0, MASK);
        int index = data.consumeInt(0, SynCookies.tableSize() - 1);

        long made = cookies.make(local, localPort, remote, remotePort, clientIsn, index, now);
        assertTrue(made >= 0 && made <= MASK);
        assertEquals(index, cookies.check(local, localPort, remote, remotePort, clientIsn, made, now));
        assertEquals(index, cookies.check(local, localPort, remote, remotePort, clientIsn, made, now + SynCookies.PERIOD_NANOS));
        assertEquals(-1, cookies.check(local, localPort, remote, remotePort, clientIsn, made, now + 2 * SynCookies.PERIOD_NANOS));

        long forged = data.consumeLong(0, MASK);
        int got = cookies.check(local, localPort, remote, remotePort, data.consumeLong(0, MASK), forged, now);
        assertTrue(got >= -1 && got < SynCookies.tableSize(), "check gave " + got);

        long tsNow = data.consumeLong(0, MASK);
        int scale = data.consumeInt(-1, TcpOptions.MAX_WINDOW_SCALE);
        boolean sack = data.consumeBoolean();
        assertEquals(new SynCookies.Echoed(scale, sack), SynCookies.echoed(SynCookies.timestamp(tsNow, scale, sack)));

        // The ACK that completes the handshake, with options and data of the fuzzer's choosing.
        byte[] options = data.consumeBytes(TcpOptions.MAX_LENGTH);
        options = java.util.Arrays.copyOf(options, (options.length + 3) / 4 * 4);
        int flags = TcpHeader.ACK | (data.consumeBoolean() ? TcpHeader.FIN : 0) | (data.consumeBoolean() ? TcpHeader.PSH : 0);
        int window = data.consumeInt(0, 0xffff);
        byte[] payload = data.consumeRemainingAsBytes();
        payload = java.util.Arrays.copyOf(payload, Math.min(payload.length, 1400));
        int headerLength = TcpHeader.MIN_LENGTH + options.length;
        var p = Packet.standalone(40 + headerLength + payload.length);
        TcpHeader.emit(p, 40, headerLength + payload.length, remotePort, localPort, (clientIsn + 1) & MASK, (made + 1) & MASK, headerLength, flags, window);
        p.put(60, options);
        p.put(60 + options.length, payload);
        p.setLength(40 + headerLength + payload.length);
        var ack = TcpHeader.check(p, 40, headerLength + payload.length);

        var parsed = new TcpOptions();
        var echoed = parsed.parse(ack) && parsed.hasTimestamps() ? SynCookies.echoed(parsed.tsEcr()) : null;
        var sent = new ArrayList<Packet>();
        var out = new SegmentOutput() {
            @Override public Packet allocate() { return Packet.standalone(1500); }
            @Override public boolean send(Packet segment, int tcpLength) { sent.add(segment); return true; }
        };
        var c = new TcpConnection(TcpConfig.defaults(), local, localPort, remote, remotePort, 1500, made, 0, out);
        c.acceptCookie(ack, SynCookies.mss(index), echoed, now);
        assertTrue(c.state() == TcpState.ESTABLISHED || c.state() == TcpState.CLOSE_WAIT, "state " + c.state());
        assertTrue(c.sendMss() <= Math.min(SynCookies.mss(index), 1440) && c.sendMss() > 0, "MSS " + c.sendMss());
        assertEquals(Math.min(payload.length, c.readable() + 0), c.readable(), "every byte taken in order");
        c.checkInvariants();
    }
}
