package packos.lib.link;

/**
 * A NIC driver's counters on request: any datagram to UDP {@link #PORT} on the driver is answered
 * with one line of text (frames in and out, interrupts, drops by reason). Beside the link
 * protocol, not part of it: for consoles, samples and tests.
 */
public final class DriverStats {
    private DriverStats() {}

    public static final int PORT = 4101;
}
