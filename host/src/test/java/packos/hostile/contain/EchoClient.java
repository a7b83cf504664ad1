package packos.hostile.contain;

import packos.kernel.Address;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.timer.TimerProtocol;
import packos.lib.timer.TimerReply;

/**
 * Asks the echo service (argument 0: its address) for COUNT echoes (argument 1, 100), one at a
 * time, and waits for each with a 50 ms timeout, asking again on timeout: the service may be
 * faulting and restarting under it. Prints "client: N echoes from L lives of the service, R retries".
 */
public final class EchoClient implements Program {
    @Override
    public void main(Process self) throws Exception {
        var sys = self.sys();
        var service = Address.parse(self.arg(0, "fd00:7e8e::3"));
        int count = Integer.parseInt(self.arg(1, "100"));
        var socket = self.net().udp();
        socket.onError(report -> { });
        int retries = 0;
        var lives = new java.util.HashSet<String>();
        int timer = 0;
        for (int k = 1; k <= count; k++) {
            String want = "echo req " + k;
            boolean answered = false;
            while (!answered) {
                try {
                    socket.send(service, 7, "req " + k);
                } catch (KernelException e) {
                    // Nothing lives at the address between a fault and the restart.
                }
                int timeout = ++timer;
                self.timers().open(socket, timeout, 50_000, false);
                while (true) {
                    var d = socket.receive();
                    if (d.source().equals(self.net().timerService()) && d.sourcePort() == TimerProtocol.PORT) {
                        if (TimerReply.decode(d.data()).timerId() == timeout) break;
                        continue;
                    }
                    if (d.text().startsWith(want + " #")) {
                        lives.add(d.text().substring(want.length() + 2));
                        answered = true;
                        self.timers().close(socket, timeout);
                        break;
                    }
                    // An answer to an earlier try: already counted.
                }
                if (!answered) retries++;
            }
        }
        self.print("client: " + count + " echoes from " + lives.size() + " lives of the service, " + retries + " retries");
    }
}
