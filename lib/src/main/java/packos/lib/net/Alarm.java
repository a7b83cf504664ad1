package packos.lib.net;

import packos.kernel.KernelException;

/**
 * Wakes a process that blocks in the kernel when one of its own deadlines (a TCP retransmission,
 * a poll's timeout) comes due: one one-shot timer from the timer service, kept at or before the
 * earliest deadline. Time comes from the timer service, never from a host clock, so virtual time
 * jumps straight to it. A tick that wakes us early is harmless: the caller looks and waits again.
 */
final class Alarm {
    private static final int TIMER_ID = 1;

    private final Network net;
    private UdpSocket socket;
    private long armedFor = Long.MAX_VALUE;

    Alarm(Network net) { this.net = net; }

    /** Makes sure a tick arrives no later than {@code deadline} (soon after, by the clock's tick). */
    void armFor(long deadline, long now) {
        if (deadline == Long.MAX_VALUE) return;
        if (socket != null) consumeTicks();
        // An alarm already due to fire in time does; one in the past was lost or already came.
        if (armedFor <= deadline && armedFor > now) return;
        if (socket == null) {
            socket = net.udp();
            socket.onError(report -> armedFor = Long.MAX_VALUE);
        }
        long micros = Math.max(1, Math.ceilDiv(Math.max(0, deadline - now), 1_000L));
        try {
            // Opening the same timer id again replaces the one outstanding.
            net.openTimer(socket, TIMER_ID, micros, false);
            armedFor = now + micros * 1_000L;
        } catch (KernelException e) {
            // No timer service (a test machine without one): the caller's deadline will pass unnoticed
            // until some packet arrives. Say so once in the stats rather than fail the caller.
            net.stats().alarmsLost++;
            armedFor = Long.MAX_VALUE;
        }
    }

    private void consumeTicks() {
        // Only what is already sorted: draining the kernel here could handle the very packet the
        // caller is about to wait for, and the caller would then wait for nothing.
        while (socket.takeQueued() != null) armedFor = Long.MAX_VALUE;
    }
}
