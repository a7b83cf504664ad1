package packos.lib.timer;

import packos.lib.net.Network;
import packos.lib.net.UdpSocket;

/**
 * The timer client. Ticks arrive as datagrams on the socket the timer was opened from; decode
 * them with {@link TimerReply#decode}. Time comes from here, never from a host clock.
 */
public final class Timers {
    private final Network net;

    public Timers(Network net) { this.net = net; }

    /**
     * Asks for a tick every {@code intervalMicros} (once, unless {@code repeat}); fire and forget,
     * errors come back as replies. The stack keeps the timer open across restarts of the service.
     */
    public void open(UdpSocket socket, int timerId, long intervalMicros, boolean repeat) {
        net.openTimer(socket, timerId, intervalMicros, repeat);
    }

    public void close(UdpSocket socket, int timerId) { net.closeTimer(socket, timerId); }
}
