package packos.lib.timer;

import packos.kernel.Address;
import packos.lib.net.UdpSocket;

/**
 * The timer client. Ticks arrive as datagrams on the socket the timer was opened from; decode
 * them with {@link TimerReply#decode}. Time comes from here, never from a host clock.
 */
public final class Timers {
    private final Address service;
    private int nextRequestId = 1;

    public Timers(Address service) { this.service = service; }

    /** Asks for a tick every {@code intervalMicros} (once, unless {@code repeat}); fire and forget, errors come back as replies. */
    public void open(UdpSocket socket, int timerId, long intervalMicros, boolean repeat) {
        if (intervalMicros <= 0) throw new IllegalArgumentException("timer interval must be positive, not " + intervalMicros + " us");
        send(socket, new TimerRequest(TimerProtocol.VERSION, TimerProtocol.OPEN, nextRequestId++, timerId, repeat, intervalMicros));
    }

    public void close(UdpSocket socket, int timerId) {
        send(socket, new TimerRequest(TimerProtocol.VERSION, TimerProtocol.CLOSE, nextRequestId++, timerId, false, 0));
    }

    private void send(UdpSocket socket, TimerRequest request) {
        socket.send(service, TimerProtocol.PORT, request.encode());
    }
}
