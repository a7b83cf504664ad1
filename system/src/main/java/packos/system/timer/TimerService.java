package packos.system.timer;

import java.nio.charset.StandardCharsets;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Datagram;
import packos.lib.net.Pollable;
import packos.lib.timer.TimerProtocol;

/**
 * The timer service, a process of its own holding capability {@code irq:0} (the clock): clients
 * open timers on UDP 4000 and get Tick datagrams as clock ticks come. The standard scheduler
 * starts it first, at {@link TimerProtocol#serviceAddress}, and restarts it there when it faults;
 * the scheduler then tells every process, whose library opens its timers again.
 *
 * <p>Tickless when idle: the clock's line stays masked (its last tick unacknowledged) while no
 * timer is pending and is unmasked by the next Open. No tick then wakes anyone for nothing, and in
 * virtual time the scheduler can tell a deadlock (everyone blocked, the clock not armed) from a
 * wait for a timer.
 *
 * <p>UDP {@value #STATS_PORT} answers any datagram with one line of counters.
 */
public final class TimerService implements Program {
    /** Timers one process may hold at once; more is OUT_OF_MEMORY. */
    public static final int MAX_TIMERS_PER_PROCESS = 1024;
    /** Where clock interrupts arrive. */
    public static final int CLOCK_PORT = 7000;
    /** Counters, one line of text per datagram asked: the same port the NIC driver and router answer on. */
    public static final int STATS_PORT = 4101;

    @Override
    public void main(Process self) {
        var sys = self.sys();
        var net = self.net();
        // Bound before the first receive: requests that reached a restarted service before it ran wait in its queue.
        var requests = net.udp(TimerProtocol.PORT);
        var ticks = net.udp(CLOCK_PORT);
        var stats = net.udp(STATS_PORT);
        var table = new TimerTable(requests, sys.clockHz(), sys.schedulerAddress());
        sys.registerInterrupt(TimerProtocol.CLOCK_LINE, CLOCK_PORT);
        long period = 1_000_000_000L / sys.clockHz();
        boolean masked = false;
        var poller = net.poller().add(ticks, Pollable.READABLE).add(requests, Pollable.READABLE).add(stats, Pollable.READABLE);
        while (true) {
            poller.poll();
            boolean ticked = false;
            for (Datagram d; (d = ticks.poll()) != null; ) {
                // Only the kernel raises interrupts; anything else on this port is noise.
                if (d.source().equals(sys.kernelAddress())) ticked = true;
            }
            if (ticked) {
                // The line is masked from this tick until we acknowledge it.
                masked = true;
                long now = sys.now();
                table.advanceTo(now / period, now);
            }
            table.serveRequests(sys.now());
            if (masked && !table.idle()) {
                masked = false;
                sys.acknowledgeInterrupt(TimerProtocol.CLOCK_LINE);
            }
            for (Datagram d; (d = stats.poll()) != null; ) {
                byte[] line = ("timers open=" + table.open() + " ticksSent=" + table.ticksSent() + " ticksLost=" + table.ticksLost()
                        + " ticksRefused=" + table.ticksRefused() + " badRequests=" + table.badRequests()).getBytes(StandardCharsets.US_ASCII);
                stats.trySend(d.source(), d.sourcePort(), line, 0, line.length);
            }
        }
    }
}
