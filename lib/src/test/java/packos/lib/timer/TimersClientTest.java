package packos.lib.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import packos.kernel.Packet;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.NetMachine;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.UdpHeader;
import org.junit.jupiter.api.Test;

/** The timer client: what it puts on the wire to the scheduler's UDP port 4000 (the test scheduler only records it). */
class TimersClientTest {
    public static final class Client implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp(6000);
            self.timers().open(socket, 7, 30_000, true);
            self.timers().open(socket, 8, 15_000, false);
            self.timers().close(socket, 7);
            try {
                self.timers().open(socket, 9, 0, false);
            } catch (IllegalArgumentException e) {
                NetMachine.report("zero interval", e.getMessage());
            }
        }
    }

    @Test
    void openAndCloseSendNumberedRequestsToTheSchedulersTimerPortAndAZeroIntervalIsRefusedLocally() throws Exception {
        var outcome = new NetMachine().process("client", Client.class).boot().assertClean();
        var requests = new ArrayList<TimerRequest>();
        for (byte[] bytes : NetMachine.toScheduler()) {
            var p = Packet.of(bytes);
            var ip = Ipv6Header.check(p);
            assertEquals(NetMachine.addressOf(0), ip.source());
            assertEquals(Ipv6Header.UDP, ip.nextHeader());
            var udp = UdpHeader.check(p, Ipv6Header.LENGTH, ip.payloadLength());
            udp.verifyChecksum(ip.source(), ip.destination());
            assertEquals(6000, udp.sourcePort());
            assertEquals(TimerProtocol.PORT, udp.destinationPort());
            requests.add(TimerRequest.decode(udp.payload()));
        }
        assertEquals(java.util.List.of(
                new TimerRequest(TimerProtocol.VERSION, TimerProtocol.OPEN, 1, 7, true, 30_000),
                new TimerRequest(TimerProtocol.VERSION, TimerProtocol.OPEN, 2, 8, false, 15_000),
                new TimerRequest(TimerProtocol.VERSION, TimerProtocol.CLOSE, 3, 7, false, 0)), requests);
        String refused = NetMachine.reported("zero interval");
        assertEquals(true, refused.contains("0 us"), refused);
        assertEquals(0, outcome.status());
        assertThrows(IllegalArgumentException.class, () -> new Timers(NetMachine.addressOf(0)).open(null, 1, -5, true));
    }
}
