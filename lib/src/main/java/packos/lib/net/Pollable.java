package packos.lib.net;

/**
 * Something a {@link Poller} can wait on. {@link #readyOps()} answers without waiting, from what
 * the stack has already sorted; the poller drains the kernel's queue before it asks.
 */
public sealed interface Pollable permits TcpSocket, TcpListener, UdpSocket, Timer {
    /** Data, end of stream, an error, a connection to accept, a datagram, or a timer tick is waiting. */
    int READABLE = 1;
    /** A send would take at least one byte now (TCP: connected and the send buffer has room). */
    int WRITABLE = 2;
    /** The object failed: a refused, reset or timed-out connection, or an ICMPv6 error. */
    int ERROR = 4;

    /** Which of READABLE, WRITABLE and ERROR hold now. */
    int readyOps();
}
