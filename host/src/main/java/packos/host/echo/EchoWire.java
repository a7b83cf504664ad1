package packos.host.echo;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import packos.host.ethernet.EthernetHost;
import packos.kernel.Address;
import packos.kernel.Prefix;
import packos.lib.link.RouterLink;
import packos.machine.nic.MacAddress;
import packos.machine.wire.EthernetWire;
import packos.machine.wire.FrameReceiver;

/**
 * The {@code echo} wire: the card's cable ends at a small IPv6 host ({@link EthernetHost} with an
 * {@link EchoService}, MAC
 * {@link #MAC}, its EUI-64 link-local address and {@link #ADDRESS} on the router's default link
 * fd00:7e8f::/64) that answers Neighbor Solicitations, pings and UDP echo on port 7.
 *
 * <p>Like the loopback plug, and unlike every wire with a reader thread, it answers inside
 * {@link #transmit}, on the transmitting context, before the card's register write returns: a
 * frame from a platform thread would reach the card at a moment virtual time knows nothing of,
 * while an answer inside the transmit is in the receive ring at a point of the driver's own run.
 * So a one-CPU run in virtual time that talks through router, driver and card to a peer is still
 * a function of its boot config, faults injected into driver and router included. The card calls
 * transmit outside its register lock, so the answer's re-entry into the card is safe.
 */
public final class EchoWire implements EthernetWire {
    /** Locally administered, and like no card's: a stack drops frames from its own MAC. */
    public static final MacAddress MAC = MacAddress.parse("02:ec:40:00:00:01");
    /** The link's ::1, as the user network's host and a Linux host on a TAP device have it. */
    public static final Address ADDRESS = RouterLink.PEER;
    /** The router's default link (it takes ::2 there), so the router needs no arguments but its driver. */
    public static final Prefix LINK_PREFIX = RouterLink.PREFIX;

    private final EchoStats stats = new EchoStats();
    private final EthernetHost host;
    private final LongSupplier machineNanos;
    private boolean started, closed;

    private EchoWire(Prefix kanPrefix, long seed, LongSupplier machineNanos) {
        this.machineNanos = machineNanos;
        this.host = new EthernetHost(MAC, ADDRESS, LINK_PREFIX, kanPrefix, stats.host, new SplittableRandom(seed), machineNanos.getAsLong());
    }

    /**
     * @param kanPrefix    the KAN's prefix, on-link for this host (PackOS' router answers for its addresses)
     * @param seed         draws the neighbour cache's reachable time: the machine's seed, so a run repeats
     * @param machineNanos the machine's clock, virtual or real: the host's only time
     */
    public static EchoWire open(Prefix kanPrefix, long seed, LongSupplier machineNanos) {
        return new EchoWire(Objects.requireNonNull(kanPrefix), seed, Objects.requireNonNull(machineNanos));
    }

    public EchoStats stats() { return stats; }

    @Override
    public synchronized void start(FrameReceiver receiver) {
        Objects.requireNonNull(receiver);
        if (started) throw new IllegalStateException("the echo wire is already started");
        started = true;
        host.connect(receiver, new EchoService(host, stats));
    }

    /**
     * Hands the frame to the host, which answers before this returns. Synchronized: with several
     * CPUs, two contexts may reach the card at once, and the host's neighbour cache is not shared-safe.
     */
    @Override
    public synchronized boolean transmit(byte[] frame, int off, int len) {
        Objects.checkFromIndexSize(off, len, frame.length);
        if (closed || !started || !EthernetWire.isFrameLength(len)) {
            stats.refusedAtTransmit.increment();
            return false;
        }
        var copy = new byte[len];
        System.arraycopy(frame, off, copy, 0, len);
        long now = machineNanos.getAsLong();
        // No thread of its own: the host's neighbour timers catch up as each frame comes.
        if (host.deadline() <= now) host.onTimer(now);
        host.frameArrived(copy, now);
        return true;
    }

    @Override
    public String describe() { return "echo"; }

    @Override
    public synchronized void close() {
        closed = true;
        host.unplug();
    }
}
