package packos.system.timer;

import java.util.HashMap;
import java.util.PriorityQueue;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.net.Datagram;
import packos.lib.net.UdpSocket;
import packos.lib.timer.ForgetRequest;
import packos.lib.timer.TimerProtocol;
import packos.lib.timer.TimerReply;
import packos.lib.timer.TimerRequest;
import packos.lib.wire.MalformedPacketException;

/**
 * The timer service's table: the timers clients opened on UDP 4000, turned into Tick datagrams as
 * clock ticks come. Intervals round up to whole ticks, so a timer never fires early; in virtual
 * time it fires exactly on its tick. A process may hold at most
 * {@link TimerService#MAX_TIMERS_PER_PROCESS} timers: the service's memory and the work of each
 * tick are shared by every client, and one process opening timers without end must not take them
 * from the others. Only the scheduler may make it forget a process's timers.
 */
final class TimerTable {

    private record Key(Address owner, int port, int timerId) {}

    private static final class Timer {
        final Key key;
        final long intervalTicks;
        final boolean repeat;
        final long sequence;
        long dueTick;

        Timer(Key key, long intervalTicks, boolean repeat, long dueTick, long sequence) {
            this.key = key;
            this.intervalTicks = intervalTicks;
            this.repeat = repeat;
            this.dueTick = dueTick;
            this.sequence = sequence;
        }
    }

    private final UdpSocket socket;
    private final int hz;
    private final Address scheduler;
    private final HashMap<Key, Timer> byKey = new HashMap<>();
    private final HashMap<Address, Integer> openBy = new HashMap<>();
    // Ties break by opening order, so a run's tick order never depends on hashing.
    private final PriorityQueue<Timer> due = new PriorityQueue<>((a, b) ->
            a.dueTick != b.dueTick ? Long.compare(a.dueTick, b.dueTick) : Long.compare(a.sequence, b.sequence));
    private long sequence;
    private long tick;
    private long ticksSent, ticksLost, ticksRefused, badRequests;

    TimerTable(UdpSocket socket, int hz, Address scheduler) {
        this.socket = socket;
        this.hz = hz;
        this.scheduler = scheduler;
        // A client that closed the socket its timer ticks to answers Port Unreachable: its timers
        // to that port go. Thrown instead, the error would end the scheduler and the machine.
        socket.onError(report -> {
            ticksRefused++;
            forget(report.destination(), report.destinationPort());
        });
    }

    /** No timer pending: the clock need not tick for us. */
    boolean idle() { return due.isEmpty(); }

    int open() { return byKey.size(); }

    long ticksSent() { return ticksSent; }

    long ticksLost() { return ticksLost; }

    long badRequests() { return badRequests; }

    /** ICMPv6 errors clients' stacks sent back about Ticks. */
    long ticksRefused() { return ticksRefused; }

    /** Handles every request waiting on the service's socket, at machine time {@code nowNanos}. */
    void serveRequests(long nowNanos) {
        for (Datagram d; (d = socket.poll()) != null; ) serve(d, nowNanos);
    }

    private void serve(Datagram d, long nowNanos) {
        if (TimerProtocol.commandOf(d.data()) == TimerProtocol.FORGET) {
            forgetFor(d);
            return;
        }
        TimerRequest r;
        try {
            r = TimerRequest.decode(d.data());
        } catch (MalformedPacketException e) {
            badRequests++;
            return;
        }
        if (r.version() != TimerProtocol.VERSION) {
            reply(d, r, ErrorCode.WRONG_PROTOCOL_VERSION);
            return;
        }
        var key = new Key(d.source(), d.sourcePort(), r.timerId());
        switch (r.command()) {
            case TimerProtocol.OPEN -> {
                if (r.intervalMicros() <= 0) {
                    reply(d, r, ErrorCode.INVALID_ARGUMENT);
                    return;
                }
                cancel(key);
                if (openBy.getOrDefault(key.owner(), 0) >= TimerService.MAX_TIMERS_PER_PROCESS) {
                    reply(d, r, ErrorCode.OUT_OF_MEMORY);
                    return;
                }
                long ticks = ticksFor(r.intervalMicros());
                // A request that arrives between two ticks counts from the next one: never early.
                long period = 1_000_000_000L / hz;
                long base = Math.max(tick, Math.ceilDiv(nowNanos, period));
                var t = new Timer(key, ticks, r.repeat(), base + ticks, sequence++);
                byKey.put(key, t);
                openBy.merge(key.owner(), 1, Integer::sum);
                due.add(t);
            }
            case TimerProtocol.CLOSE -> {
                if (!cancel(key)) reply(d, r, ErrorCode.TIMER_NOT_OPEN);
            }
            default -> reply(d, r, ErrorCode.BAD_PROTOCOL_CMD);
        }
    }

    /** The scheduler says a process ended: its timers go. Anyone else asking is refused and counted. */
    private void forgetFor(Datagram d) {
        ForgetRequest f;
        try {
            f = ForgetRequest.decode(d.data());
        } catch (MalformedPacketException e) {
            badRequests++;
            return;
        }
        if (!d.source().equals(scheduler)) {
            badRequests++;
            sendTo(d.source(), d.sourcePort(), new TimerReply(TimerProtocol.FORGET, f.requestId(), 0, ErrorCode.PERMISSION_DENIED.number(), 0));
            return;
        }
        forget(f.owner());
    }

    /** Whole ticks covering the interval, rounded up: a timer never fires early. */
    private long ticksFor(long micros) {
        long scaled = micros > Long.MAX_VALUE / hz ? Long.MAX_VALUE / 2 : micros * hz;
        return Math.max(1, Math.ceilDiv(scaled, 1_000_000L));
    }

    private boolean cancel(Key key) {
        var old = byKey.remove(key);
        if (old == null) return false;
        due.remove(old);
        closed(key);
        return true;
    }

    /** One timer of {@code key.owner()} is gone from {@link #byKey}. */
    private void closed(Key key) {
        openBy.computeIfPresent(key.owner(), (owner, n) -> n == 1 ? null : n - 1);
    }

    /** Timers open for {@code owner}. */
    int openBy(Address owner) { return openBy.getOrDefault(owner, 0); }

    private void reply(Datagram d, TimerRequest r, ErrorCode error) {
        badRequests++;
        var reply = new TimerReply(r.command(), r.requestId(), r.timerId(), error.number(), 0);
        sendTo(d.source(), d.sourcePort(), reply);
    }

    /** The clock reached tick {@code now}: fire every timer due by then. */
    void advanceTo(long nowTick, long machineTimeNanos) {
        tick = nowTick;
        while (!due.isEmpty() && due.peek().dueTick <= tick) {
            var t = due.poll();
            var outcome = sendTo(t.key.owner(), t.key.port(),
                    new TimerReply(TimerProtocol.TICK, 0, t.key.timerId(), 0, machineTimeNanos));
            if (outcome == Outcome.GONE) {
                // The client ended: its timers go with it.
                byKey.remove(t.key);
                closed(t.key);
                continue;
            }
            if (t.repeat) {
                t.dueTick += t.intervalTicks;
                if (t.dueTick <= tick) t.dueTick = tick + t.intervalTicks;
                due.add(t);
            } else {
                byKey.remove(t.key);
                closed(t.key);
            }
        }
    }

    private enum Outcome { SENT, LOST, GONE }

    /** The service never blocks on a client: a full queue loses that tick (counted), an ended client loses its timers. */
    private Outcome sendTo(Address owner, int port, TimerReply reply) {
        try {
            if (!socket.trySend(owner, port, reply.encode(), 0, TimerProtocol.MESSAGE_LENGTH)) {
                ticksLost++;
                return Outcome.LOST;
            }
            ticksSent++;
            return Outcome.SENT;
        } catch (KernelException e) {
            ticksLost++;
            return e.code() == ErrorCode.ADDRESS_UNREACHABLE ? Outcome.GONE : Outcome.LOST;
        }
    }

    /** Drops every timer of a process that ended. */
    void forget(Address owner) { forget(owner, -1); }

    /** Drops the timers that tick to {@code owner}:{@code port} (any port when -1). */
    private void forget(Address owner, int port) {
        if (!openBy.containsKey(owner)) return;
        byKey.values().removeIf(t -> {
            if (!t.key.owner().equals(owner) || (port >= 0 && t.key.port() != port)) return false;
            due.remove(t);
            closed(t.key);
            return true;
        });
    }
}
