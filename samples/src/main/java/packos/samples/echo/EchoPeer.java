package packos.samples.echo;

import java.util.Arrays;
import packos.kernel.Address;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Datagram;
import packos.lib.net.Pollable;
import packos.lib.net.UdpSocket;

/**
 * Talks to a host beyond the router (argument 0, its address; the echo wire's fd00:7e8f::1) COUNT
 * times (argument 1), one exchange at a time, alternating an ICMPv6 echo request (odd numbers) and
 * a datagram to UDP port 7 (even ones), each with data of its own length (4 to 1452 bytes: what
 * fits the Ethernet's 1500-byte MTU) and contents, its number first. Each answer must come back
 * byte for byte; an exchange not answered within TIMEOUT_MS of machine time (argument 2, 100) is
 * asked again: the router and the driver on the path may be faulting and restarting under it.
 * An exchange still unanswered after {@link #GIVE_UP_NANOS} of machine time means the path
 * never came back: the program says so and fails, rather than asking for ever.
 *
 * <p>Prints {@code N ping|udp B bytes exact at T ms} per exchange answered, so a test can tell which lives
 * of the services on the path carried traffic, and at the end {@code client: N exchanges
 * byte-exact (P pings, U UDP echoes, B bytes each way), R retries, L late answers, finished at T
 * ms}. An answer that is not byte for byte the answer to this exchange or an earlier one ends the
 * program with a line saying so and a fault: corruption is never retried away.
 */
public final class EchoPeer implements Program {
    static final int IDENTIFIER = 0xec40;
    /** The Ethernet's MTU less the IPv6 header and the 8 bytes of a UDP or echo header. */
    static final int MAX_DATA = 1500 - 40 - 8;
    static final int MIN_DATA = 4;
    /** Far beyond an outage while driver and router restart (seconds: DAD, a SYN retransmission to the PCI service). */
    static final long GIVE_UP_NANOS = 60_000_000_000L;

    @Override
    public void main(Process self) {
        var peer = Address.parse(self.arg(0, "fd00:7e8f::1"));
        int count = Integer.parseInt(self.arg(1, "100"));
        long timeout = Long.parseLong(self.arg(2, "100")) * 1_000_000L;
        var udp = self.net().udp();
        // A refused or unreachable peer (the router says so while its link is down) is a loss to retry, not a failure.
        udp.onError(report -> { });
        UdpSocket pings = null;
        int retries = 0, late = 0, pingCount = 0, udpCount = 0;
        long bytes = 0;
        for (int k = 1; k <= count; k++) {
            boolean ping = k % 2 == 1;
            byte[] data = data(k);
            boolean answered = false;
            long firstTry = self.now();
            while (!answered) {
                if (self.now() - firstTry > GIVE_UP_NANOS) {
                    self.print("exchange " + k + ": no answer in " + GIVE_UP_NANOS / 1_000_000_000L + " s of tries");
                    throw new IllegalStateException("exchange " + k + " was never answered");
                }
                try {
                    if (ping) pings = self.net().ping(peer, IDENTIFIER, k & 0xffff, data);
                    else udp.send(peer, 7, data);
                } catch (KernelException e) {
                    // No route to the gateway yet, or its queue is full: the timeout below asks again.
                }
                long deadline = self.now() + timeout;
                var poller = self.net().poller().add(udp, Pollable.READABLE);
                if (pings != null) poller.add(pings, Pollable.READABLE);
                for (long left; !answered && (left = deadline - self.now()) > 0; ) {
                    poller.poll(left);
                    for (var socket : pings == null ? new UdpSocket[] {udp} : new UdpSocket[] {udp, pings}) {
                        for (Datagram d; (d = socket.poll()) != null; ) {
                            if (!sentEarlierOrNow(d, socket == pings, peer, k)) {
                                self.print("exchange " + k + ": " + d.data().length + " bytes from [" + d.source() + "]:" + d.sourcePort()
                                        + " to port " + d.destinationPort() + " match nothing sent");
                                throw new IllegalStateException("an answer came back changed during exchange " + k);
                            }
                            if (number(d) < k) late++;  // the answer to an earlier try of an earlier exchange
                            else answered = true;
                        }
                    }
                }
                if (!answered) retries++;
            }
            if (ping) pingCount++;
            else udpCount++;
            bytes += data.length;
            self.print(k + " " + (ping ? "ping" : "udp") + " " + data.length + " bytes exact at " + self.now() / 1_000_000 + " ms");
        }
        self.print("client: " + count + " exchanges byte-exact (" + pingCount + " pings, " + udpCount + " UDP echoes, " + bytes
                + " bytes each way), " + retries + " retries, " + late + " late answers, finished at " + self.now() / 1_000_000 + " ms");
    }

    /** Exchange k's data: its number, then bytes that differ with k and position, of a length that walks the whole range. */
    static byte[] data(int k) {
        var d = new byte[MIN_DATA + (int) ((k * 389L) % (MAX_DATA - MIN_DATA + 1))];
        d[0] = (byte) (k >>> 24);
        d[1] = (byte) (k >>> 16);
        d[2] = (byte) (k >>> 8);
        d[3] = (byte) k;
        for (int i = MIN_DATA; i < d.length; i++) d[i] = (byte) (k * 131 + i * 7 + (i >>> 8));
        return d;
    }

    /**
     * Whether {@code d} is, byte for byte, the answer to exchange {@code k} or an earlier one: from
     * the peer's echo port or with our echo identifier, the sequence number the exchange's, the
     * data the exchange's. Anything else came back changed, which no retry may hide.
     */
    private static boolean sentEarlierOrNow(Datagram d, boolean isPing, Address peer, int k) {
        int number = number(d);
        if (number < 1 || number > k || (number % 2 == 1) != isPing || !d.source().equals(peer)) return false;
        if (isPing ? d.sourcePort() != IDENTIFIER || d.destinationPort() != (number & 0xffff) : d.sourcePort() != 7) return false;
        return Arrays.equals(d.data(), data(number));
    }

    /** The exchange number an answer carries first, or -1 if it is too short to carry one. */
    private static int number(Datagram d) {
        var b = d.data();
        return b.length < MIN_DATA ? -1 : (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
    }
}
