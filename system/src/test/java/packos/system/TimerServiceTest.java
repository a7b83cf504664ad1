package packos.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static packos.system.SystemMachine.ms;

import java.util.List;
import packos.kernel.ErrorCode;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.UdpSocket;
import packos.lib.timer.ForgetRequest;
import packos.lib.timer.TimerProtocol;
import packos.lib.timer.TimerReply;
import packos.lib.timer.TimerRequest;
import packos.system.timer.TimerService;
import org.junit.jupiter.api.Test;

/** The timer service on UDP 4000 in virtual time at 100 Hz: exact ticks, rounding, close, and its errors. */
class TimerServiceTest {
    /** The next reply on {@code socket}, reported under NAME.reply as "id@ms" with the machine time it carries. */
    static TimerReply next(Process self, UdpSocket socket) throws Exception {
        var d = socket.receive();
        var reply = TimerReply.decode(d.data());
        SystemMachine.report(self.name() + ".tick", reply.timerId() + "@" + reply.machineTimeNanos());
        SystemMachine.report(self.name() + ".now", self.now());
        return reply;
    }

    public static final class Every30ms implements Program {
        @Override
        public void main(Process self) throws Exception {
            var socket = self.net().udp();
            self.timers().open(socket, 1, 30_000, true);
            for (int i = 0; i < 3; i++) next(self, socket);
            self.timers().close(socket, 1);
        }
    }

    @Test
    void repeating30msTimerAt100HzTicksAt30And60And90msExactly() {
        new SystemMachine().process("client", Every30ms.class).boot().assertClean();
        assertEquals(List.of("1@" + ms(30), "1@" + ms(60), "1@" + ms(90)), SystemMachine.reports("client.tick"));
        assertEquals(List.of(ms(30), ms(60), ms(90)), SystemMachine.reports("client.now"));
    }

    public static final class OneShot implements Program {
        @Override
        public void main(Process self) throws Exception {
            var socket = self.net().udp();
            self.timers().open(socket, 1, 15_000, false);
            next(self, socket);
            // If timer 1 fired again it would come before this one.
            self.timers().open(socket, 2, 100_000, false);
            next(self, socket);
        }
    }

    @Test
    void intervalRoundsUpToWholeTicksAndAOneShotFiresOnce() {
        new SystemMachine().process("client", OneShot.class).boot().assertClean();
        assertEquals(List.of("1@" + ms(20), "2@" + ms(120)), SystemMachine.reports("client.tick"));
    }

    public static final class Closer implements Program {
        @Override
        public void main(Process self) throws Exception {
            var socket = self.net().udp();
            self.timers().open(socket, 1, 10_000, true);
            next(self, socket);
            next(self, socket);
            self.timers().close(socket, 1);
            self.timers().open(socket, 2, 50_000, false);
            next(self, socket);
        }
    }

    @Test
    void closeStopsARepeatingTimer() {
        new SystemMachine().process("client", Closer.class).boot().assertClean();
        assertEquals(List.of("1@" + ms(10), "1@" + ms(20), "2@" + ms(70)), SystemMachine.reports("client.tick"));
    }

    public static final class Reopener implements Program {
        @Override
        public void main(Process self) throws Exception {
            var socket = self.net().udp();
            self.timers().open(socket, 1, 50_000, false);
            self.timers().open(socket, 1, 20_000, false);
            next(self, socket);
            self.timers().open(socket, 2, 100_000, false);
            next(self, socket);
        }
    }

    @Test
    void openingAnOpenTimerAgainReplacesIt() {
        new SystemMachine().process("client", Reopener.class).boot().assertClean();
        assertEquals(List.of("1@" + ms(20), "2@" + ms(120)), SystemMachine.reports("client.tick"));
    }

    public static final class TwoPeriods implements Program {
        @Override
        public void main(Process self) throws Exception {
            var socket = self.net().udp();
            self.timers().open(socket, 5, 30_000, true);
            self.timers().open(socket, 3, 10_000, true);
            for (int i = 0; i < 5; i++) next(self, socket);
        }
    }

    @Test
    void timersDueOnTheSameTickFireInTheOrderTheyWereOpened() {
        new SystemMachine().process("client", TwoPeriods.class).boot().assertClean();
        assertEquals(List.of("3@" + ms(10), "3@" + ms(20), "5@" + ms(30), "3@" + ms(30), "3@" + ms(40)),
                SystemMachine.reports("client.tick"));
    }

    /** Sends each request of its argument raw to the timer service's port 4000 and reports the reply. */
    public static final class BadRequests implements Program {
        @Override
        public void main(Process self) throws Exception {
            var socket = self.net().udp(6000);
            var service = self.net().timerService();
            var requests = List.of(
                    new TimerRequest(TimerProtocol.VERSION, TimerProtocol.CLOSE, 11, 99, false, 0),
                    new TimerRequest(2, TimerProtocol.OPEN, 12, 1, true, 10_000),
                    new TimerRequest(TimerProtocol.VERSION, TimerProtocol.OPEN, 13, 1, true, 0),
                    new TimerRequest(TimerProtocol.VERSION, TimerProtocol.OPEN, 14, 1, false, -1),
                    new TimerRequest(TimerProtocol.VERSION, 77, 15, 1, false, 10_000));
            // Only the scheduler may make the service forget a process's timers.
            socket.send(service, TimerProtocol.PORT, new ForgetRequest(10, self.address()).encode());
            var refusal = socket.receive();
            SystemMachine.report("reply", TimerReply.decode(refusal.data()));
            SystemMachine.report("from", refusal.source() + " port " + refusal.sourcePort());
            for (var r : requests) {
                socket.send(service, TimerProtocol.PORT, r.encode());
                var d = socket.receive();
                SystemMachine.report("reply", TimerReply.decode(d.data()));
                SystemMachine.report("from", d.source() + " port " + d.sourcePort());
            }
            // A request that is no request at all gets no answer; a good one still works afterwards.
            socket.send(service, TimerProtocol.PORT, new byte[5]);
            self.timers().open(socket, 5, 10_000, false);
            SystemMachine.report("reply", TimerReply.decode(socket.receive().data()));
        }
    }

    @Test
    void badRequestsAreAnsweredWithTheirErrorAndTheirRequestAndTimerIds() {
        new SystemMachine().process("client", BadRequests.class).boot().assertClean();
        var replies = SystemMachine.reports("reply");
        assertEquals(List.of(
                new TimerReply(TimerProtocol.FORGET, 10, 0, ErrorCode.PERMISSION_DENIED.number(), 0),
                new TimerReply(TimerProtocol.CLOSE, 11, 99, ErrorCode.TIMER_NOT_OPEN.number(), 0),
                new TimerReply(TimerProtocol.OPEN, 12, 1, ErrorCode.WRONG_PROTOCOL_VERSION.number(), 0),
                new TimerReply(TimerProtocol.OPEN, 13, 1, ErrorCode.INVALID_ARGUMENT.number(), 0),
                new TimerReply(TimerProtocol.OPEN, 14, 1, ErrorCode.INVALID_ARGUMENT.number(), 0),
                new TimerReply(77, 15, 1, ErrorCode.BAD_PROTOCOL_CMD.number(), 0),
                new TimerReply(TimerProtocol.TICK, 0, 5, 0, ms(10))), replies);
        for (var from : SystemMachine.reports("from")) assertEquals("fd00:7e8e::4000:0:0 port 4000", from);
    }

    /** Opens timers and ends without closing them. */
    public static final class Quitter implements Program {
        @Override
        public void main(Process self) {
            var socket = self.net().udp();
            self.timers().open(socket, 1, 10_000, true);
            self.timers().open(socket, 2, 40_000, false);
            self.yield();
        }
    }

    @Test
    void processEndingWithTimersOpenLeavesTheOthersTicking() {
        new SystemMachine().process("quitter", Quitter.class).process("client", Every30ms.class).boot().assertClean();
        assertEquals(List.of("1@" + ms(30), "1@" + ms(60), "1@" + ms(90)), SystemMachine.reports("client.tick"));
    }

    /** Closes the socket its repeating timer ticks to, and waits on another: its stack answers each stray tick with Port Unreachable. */
    public static final class SocketCloser implements Program {
        @Override
        public void main(Process self) throws Exception {
            var first = self.net().udp();
            self.timers().open(first, 1, 10_000, true);
            first.close();
            var second = self.net().udp();
            self.timers().open(second, 2, 50_000, false);
            next(self, second);
        }
    }

    @Test
    void clientClosingTheSocketItsTimerTicksToDoesNotBreakTheService() {
        var outcome = new SystemMachine().process("closer", SocketCloser.class).process("client", Every30ms.class).boot();
        outcome.assertClean();
        assertEquals(List.of("2@" + ms(50)), SystemMachine.reports("closer.tick"));
        assertEquals(List.of("1@" + ms(30), "1@" + ms(60), "1@" + ms(90)), SystemMachine.reports("client.tick"));
    }

    public static final class QuitterAfterTicks implements Program {
        @Override
        public void main(Process self) throws Exception {
            var socket = self.net().udp();
            self.timers().open(socket, 1, 10_000, true);
            next(self, socket);
            next(self, socket);
            // Ends with timer 1 open: its next tick finds no one.
        }
    }

    @Test
    void processEndingBetweenTicksOfItsRepeatingTimerLeavesTheOthersTicking() {
        new SystemMachine().process("quitter", QuitterAfterTicks.class).process("client", Every30ms.class).boot().assertClean();
        assertEquals(List.of("1@" + ms(10), "1@" + ms(20)), SystemMachine.reports("quitter.tick"));
        assertEquals(List.of("1@" + ms(30), "1@" + ms(60), "1@" + ms(90)), SystemMachine.reports("client.tick"));
    }

    /** Opens more timers than a process may hold, reading the replies as it goes; then closes ten and opens ten again. */
    public static final class TimerHog implements Program {
        @Override
        public void main(Process self) throws Exception {
            var socket = self.net().udp();
            int refused = 0;
            for (int id = 1; id <= TimerService.MAX_TIMERS_PER_PROCESS + 76; id++) {
                self.timers().open(socket, id, 10_000_000, false);
                for (var d = socket.poll(); d != null; d = socket.poll()) {
                    var reply = TimerReply.decode(d.data());
                    if (reply.error() == ErrorCode.OUT_OF_MEMORY.number()) refused++;
                }
            }
            self.yield();
            for (var d = socket.poll(); d != null; d = socket.poll()) {
                if (TimerReply.decode(d.data()).error() == ErrorCode.OUT_OF_MEMORY.number()) refused++;
            }
            SystemMachine.report("refused", refused);
            for (int id = 1; id <= 10; id++) self.timers().close(socket, id);
            for (int id = 5001; id <= 5009; id++) self.timers().open(socket, id, 10_000_000, false);
            self.timers().open(socket, 9999, 20_000, false);
            var next = TimerReply.decode(socket.receive().data());
            SystemMachine.report("after closing ten", next.timerId() + " error " + next.error());
        }
    }

    @Test
    void processMayHoldAtMost1024TimersAndTheOthersKeepTicking() {
        new SystemMachine().process("hog", TimerHog.class).process("client", Every30ms.class).boot().assertClean();
        assertEquals(76, (int) SystemMachine.reported("refused"));
        assertEquals("9999 error 0", SystemMachine.reported("after closing ten"));
        assertEquals(List.of("1@" + ms(30), "1@" + ms(60), "1@" + ms(90)), SystemMachine.reports("client.tick"));
    }
}
