package packos.lib.link;

import java.util.function.Consumer;
import packos.machine.nic.MacAddress;

/**
 * What a network card's driver gives the {@link NetDriverLoop}, as a MINIX driver gives
 * {@code netdriver_task} its {@code struct netdriver}: the card's identity and link, a way to send
 * a frame, and the handling of its interrupt. Everything about processes, sockets and the link
 * protocol is the loop's, so a driver for a second card is its registers and rings alone.
 */
public interface NetworkCard {
    MacAddress mac();

    /** The largest IPv6 packet the card's link carries. */
    int mtu();

    boolean linkUp();

    /** Puts a frame (14..1514 bytes, without FCS) on the wire, or queues it while the card is busy. */
    void transmit(byte[] frame);

    /**
     * The card raised its interrupt: handle what it reports, handing each received frame to
     * {@code received}, oldest first. The loop acknowledges the line after this returns, so the
     * card cannot interrupt again before its last events are handled.
     */
    void interrupt(Consumer<byte[]> received);

    /** The card's own counters, in words: they open the driver's stats line. */
    String counters();
}
