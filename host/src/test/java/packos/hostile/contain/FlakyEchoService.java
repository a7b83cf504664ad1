package packos.hostile.contain;

import java.util.HashMap;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Datagram;
import packos.lib.timer.TimerProtocol;
import packos.lib.timer.TimerReply;

/**
 * A timer-using service that faults at random: each request "req X" on UDP 7 is answered
 * "echo req X #ID" one 10 ms timer later, ID being the context (the life) that answered. At each of five points (starting, a request taken, its
 * timer opened, its tick come, its answer sent) it throws with probability 1/N (argument N, 8),
 * drawing from the machine's seeded random source, so a run is the same every time.
 */
public final class FlakyEchoService implements Program {
    private Process self;
    private long oneIn;

    @Override
    public void main(Process self) throws Exception {
        this.self = self;
        this.oneIn = Long.parseLong(self.arg(0, "8"));
        var sys = self.sys();
        maybeFault("start");
        var socket = self.net().udp(7);
        // A client that went away answers our replies with ICMPv6 errors: not our failure.
        socket.onError(report -> { });
        var waiting = new HashMap<Integer, Datagram>();
        int nextTimer = 1;
        while (true) {
            var d = socket.receive();
            if (d.source().equals(self.net().timerService()) && d.sourcePort() == TimerProtocol.PORT) {
                var tick = TimerReply.decode(d.data());
                maybeFault("tick");
                var request = waiting.remove(tick.timerId());
                if (request == null) continue;
                try {
                    socket.send(request.source(), request.sourcePort(), "echo " + request.text() + " #" + sys.contextId());
                } catch (KernelException e) {
                    // The client is gone or restarting: it will ask again.
                }
                maybeFault("answer");
                continue;
            }
            if (!d.text().startsWith("req ")) continue;
            maybeFault("request");
            int id = nextTimer++;
            waiting.put(id, d);
            self.timers().open(socket, id, 10_000, false);
            maybeFault("timer");
        }
    }

    private void maybeFault(String where) {
        if (Long.remainderUnsigned(self.sys().random(), oneIn) == 0) throw new IllegalStateException("injected fault at " + where);
    }
}
