package packos.lib.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import packos.kernel.KernelConfig;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.NetMachine;
import org.junit.jupiter.api.Test;

/** The timer client: what it puts on the wire to the timer service's UDP port 4000, at the service's fixed address. */
class TimersClientTest {
    /** Stands where the timer service would: records each request with the port it came from. */
    public static final class Recorder implements Program {
        @Override
        public void main(Process self) throws Exception {
            var socket = self.net().udp(TimerProtocol.PORT);
            while (true) {
                var d = socket.receive();
                NetMachine.report("request", d.sourcePort() + " " + TimerRequest.decode(d.data()));
            }
        }
    }

    public static final class Client implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp(6000);
            self.timers().open(socket, 7, 30_000, true);
            self.timers().open(socket, 8, 15_000, false);
            self.timers().close(socket, 7);
            NetMachine.report("open", self.net().openTimers());
            try {
                self.timers().open(socket, 9, 0, false);
            } catch (IllegalArgumentException e) {
                NetMachine.report("zero interval", e.getMessage());
            }
            socket.close();
            NetMachine.report("open after close", self.net().openTimers());
            NetMachine.report("service", self.net().timerService());
        }
    }

    @Test
    void openAndCloseSendNumberedRequestsToTheTimerServiceAndAZeroIntervalIsRefusedLocally() {
        new NetMachine().daemon(NetMachine.TIMER_SERVICE, Recorder.class).process("client", Client.class).boot().assertClean();
        assertEquals(List.of(
                "6000 " + new TimerRequest(TimerProtocol.VERSION, TimerProtocol.OPEN, 1, 7, true, 30_000),
                "6000 " + new TimerRequest(TimerProtocol.VERSION, TimerProtocol.OPEN, 2, 8, false, 15_000),
                "6000 " + new TimerRequest(TimerProtocol.VERSION, TimerProtocol.CLOSE, 3, 7, false, 0)), NetMachine.reports("request"));
        String refused = NetMachine.reported("zero interval");
        assertEquals(true, refused.contains("0 us"), refused);
        // Timer 8 stays open until its socket closes: the stack would open it again if the service restarted.
        assertEquals(1, (int) NetMachine.reported("open"));
        assertEquals(0, (int) NetMachine.reported("open after close"));
        assertEquals(TimerProtocol.serviceAddress(KernelConfig.DEFAULT_PREFIX), NetMachine.reported("service"));
        assertEquals("fd00:7e8e::4000:0:0", TimerProtocol.serviceAddress(KernelConfig.DEFAULT_PREFIX).toString());
    }

    public static final class NoService implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp();
            try {
                self.timers().open(socket, 1, 10_000, true);
            } catch (packos.kernel.KernelException e) {
                NetMachine.report("refused", e.code());
            }
            NetMachine.report("open", self.net().openTimers());
        }
    }

    @Test
    void withNoTimerServiceAnOpenIsRefusedByNameAndNothingStaysOpen() {
        new NetMachine().process("client", NoService.class).boot().assertClean();
        assertEquals(packos.kernel.ErrorCode.ADDRESS_UNREACHABLE, NetMachine.reported("refused"));
        assertEquals(0, (int) NetMachine.reported("open"));
    }
}
