package packos.lib.net;

import packos.kernel.Address;
import packos.lib.timer.TimerProtocol;
import packos.lib.timer.TimerReply;
import packos.lib.timer.TimerRequest;
import packos.lib.wire.MalformedPacketException;

/**
 * A timer from the timer service with a socket of its own, so a {@link Poller} can wait on it
 * with sockets. {@link #expirations()} counts the ticks that came since it was last asked.
 */
public final class Timer implements Pollable, AutoCloseable {
    private static final int TIMER_ID = 1;

    private final Network net;
    private final UdpSocket socket;
    private final long intervalMicros;
    private final boolean repeat;
    private long lastTickTime = -1;

    Timer(Network net, long intervalMicros, boolean repeat) {
        if (intervalMicros <= 0) throw new IllegalArgumentException("timer interval must be positive, not " + intervalMicros + " us");
        this.net = net;
        this.socket = net.udp();
        this.intervalMicros = intervalMicros;
        this.repeat = repeat;
        try {
            net.openTimer(socket, TIMER_ID, intervalMicros, repeat);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public long intervalMicros() { return intervalMicros; }

    public boolean repeats() { return repeat; }

    /** Ticks that arrived since the last call, without waiting. A reply with an error from the service is thrown. */
    public int expirations() {
        int n = 0;
        for (Datagram d; (d = socket.poll()) != null; ) {
            TimerReply r;
            try {
                r = TimerReply.decode(d.data());
            } catch (MalformedPacketException e) {
                continue;
            }
            if (r.error() != 0) throw new packos.kernel.KernelException(r.errorCode(), "the timer service refused a " + intervalMicros + " us timer");
            if (r.isTick()) {
                n++;
                lastTickTime = r.machineTimeNanos();
            }
        }
        return n;
    }

    /** Blocks until the next tick; returns the machine time the service stamped it with. */
    public long await() {
        while (expirations() == 0) socket.awaitDatagram();
        return lastTickTime;
    }

    /** Machine time of the last tick seen, or -1. */
    public long lastTickTime() { return lastTickTime; }

    @Override
    public int readyOps() { return socket.pendingQuietly() ? READABLE : 0; }

    @Override
    public void close() {
        if (socket.isClosed()) return;
        try {
            net.closeTimer(socket, TIMER_ID);
        } finally {
            socket.close();
        }
    }
}
