package packos.lib.net;

import java.util.LinkedHashMap;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.timer.TimerProtocol;
import packos.lib.timer.TimerReply;
import packos.lib.timer.TimerRequest;
import packos.lib.wire.MalformedPacketException;

/**
 * The timers this process has open at the timer service, by socket and timer id. The service is a
 * process that may fault and be restarted with an empty table; when the scheduler says so, every
 * timer here is opened again: a repeating one with its interval, a one-shot with the time it had
 * left (at least one tick, so one that fell due while the service was gone fires now, late
 * rather than never). A one-shot leaves when its tick arrives, a timer when it is closed, when
 * the service refuses it, or when its socket closes. Kept in opening order, so a re-opening
 * sends the same requests in the same order every run.
 */
final class OpenTimers {
    private static final class Lease {
        final UdpSocket socket;
        final long intervalMicros;
        final boolean repeat;
        /** Machine time of the next tick the service owes us. */
        long dueNanos;

        Lease(UdpSocket socket, long intervalMicros, boolean repeat, long dueNanos) {
            this.socket = socket;
            this.intervalMicros = intervalMicros;
            this.repeat = repeat;
            this.dueNanos = dueNanos;
        }
    }

    private final Network net;
    /** Port, then timer id: a closing socket drops its timers in one step. */
    private final LinkedHashMap<Integer, LinkedHashMap<Integer, Lease>> byPort = new LinkedHashMap<>();
    private int nextRequestId = 1;

    OpenTimers(Network net) { this.net = net; }

    /** Asks the service for a tick on {@code socket} every {@code intervalMicros} (once, unless {@code repeat}); opening an id again replaces it. */
    void open(UdpSocket socket, int timerId, long intervalMicros, boolean repeat) {
        if (intervalMicros <= 0) throw new IllegalArgumentException("timer interval must be positive, not " + intervalMicros + " us");
        var lease = new Lease(socket, intervalMicros, repeat, net.now() + intervalMicros * 1_000L);
        var timers = byPort.computeIfAbsent(socket.port(), p -> new LinkedHashMap<>());
        timers.put(timerId, lease);
        try {
            send(socket, new TimerRequest(TimerProtocol.VERSION, TimerProtocol.OPEN, nextRequestId++, timerId, repeat, intervalMicros));
        } catch (KernelException e) {
            // Not open after all (no service to ask): nothing to open again later.
            remove(socket.port(), timerId);
            throw e;
        }
    }

    void close(UdpSocket socket, int timerId) {
        remove(socket.port(), timerId);
        try {
            send(socket, new TimerRequest(TimerProtocol.VERSION, TimerProtocol.CLOSE, nextRequestId++, timerId, false, 0));
        } catch (KernelException e) {
            // A service that is gone (faulted, about to be restarted empty) holds no timer of ours to close.
            if (e.code() != ErrorCode.ADDRESS_UNREACHABLE) throw e;
        }
    }

    /** The socket on {@code port} closed: the service drops its timers when a tick finds the port closed. */
    void socketClosed(int port) { byPort.remove(port); }

    /** Open timers, all sockets together. */
    int size() {
        int n = 0;
        for (var timers : byPort.values()) n += timers.size();
        return n;
    }

    /** A datagram from the service to our {@code port}, before its socket sees it: a one-shot's tick or a refusal ends its lease. */
    void fromService(int port, byte[] payload) {
        var timers = byPort.get(port);
        if (timers == null) return;
        TimerReply reply;
        try {
            reply = TimerReply.decode(payload);
        } catch (MalformedPacketException e) {
            return;
        }
        var lease = timers.get(reply.timerId());
        if (lease == null) return;
        if (reply.error() != 0 || (reply.command() == TimerProtocol.TICK && !lease.repeat)) {
            remove(port, reply.timerId());
        } else if (reply.isTick()) {
            lease.dueNanos = reply.machineTimeNanos() + lease.intervalMicros * 1_000L;
        }
    }

    /**
     * The scheduler says the service restarted with an empty table: open every timer again. Called
     * from the receive path, so a refusal is counted, never thrown; what could not be sent stays
     * here for the next notice.
     */
    void serviceRestarted() {
        long now = net.now();
        for (var entry : byPort.entrySet()) {
            for (var timer : entry.getValue().entrySet()) {
                var lease = timer.getValue();
                long micros = lease.repeat ? lease.intervalMicros : Math.max(1, Math.ceilDiv(lease.dueNanos - now, 1_000L));
                try {
                    send(lease.socket, new TimerRequest(TimerProtocol.VERSION, TimerProtocol.OPEN, nextRequestId++, timer.getKey(), lease.repeat, micros));
                    lease.dueNanos = now + micros * 1_000L;
                    net.stats().timersReopened++;
                } catch (KernelException e) {
                    net.stats().timersNotReopened++;
                }
            }
        }
    }

    private void remove(int port, int timerId) {
        var timers = byPort.get(port);
        if (timers == null) return;
        timers.remove(timerId);
        if (timers.isEmpty()) byPort.remove(port);
    }

    private void send(UdpSocket socket, TimerRequest request) {
        Address service = net.timerService();
        socket.send(service, TimerProtocol.PORT, request.encode());
    }
}
