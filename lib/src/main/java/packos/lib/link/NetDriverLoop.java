package packos.lib.link;

import java.nio.charset.StandardCharsets;
import packos.lib.Process;
import packos.lib.net.Datagram;
import packos.lib.net.Pollable;
import packos.lib.net.UdpSocket;

/**
 * A NIC driver's receive and transmit loop, the counterpart of MINIX's {@code netdriver_task}:
 * the driver sets up its card and hands it over as a {@link NetworkCard}; the loop moves frames
 * between the card and the process attached on UDP {@link LinkMessage#DRIVER_PORT} (through a
 * {@link LinkChannel}), turns interrupt packets into {@link NetworkCard#interrupt} calls and
 * acknowledges the line afterwards, and answers any datagram to {@link DriverStats#PORT} with the
 * counters as one line.
 *
 * <p>The sockets are bound and the interrupt registered when the loop is made, before the driver
 * lets its card interrupt; {@link #run} never returns.
 */
public final class NetDriverLoop {
    private final Process process;
    private final int irq;
    private final UdpSocket interrupts;
    private final UdpSocket stats;
    private final LinkChannel link;
    private long interruptCount, bogusInterrupts;

    /** Binds the link and stats ports and registers {@code irq} to a socket of its own (capability {@code irq:N}). */
    public NetDriverLoop(Process process, int irq) {
        this.process = process;
        this.irq = irq;
        var net = process.net();
        interrupts = net.udp();
        link = LinkChannel.driver(net.udp(LinkMessage.DRIVER_PORT));
        stats = net.udp(DriverStats.PORT);
        stats.onError(report -> { }); // an asker that left: nothing to answer
        process.sys().registerInterrupt(irq, interrupts.port());
    }

    /** Moves frames for {@code card} for as long as the process lives. */
    public void run(NetworkCard card) {
        var poller = process.net().poller().add(interrupts, Pollable.READABLE).add(link.socket(), Pollable.READABLE)
                .add(stats, Pollable.READABLE);
        while (true) {
            poller.poll();
            // Frames to send first: a burst fills the card's transmit slots and the rest waits for their completion.
            for (Datagram d; (d = link.socket().poll()) != null; ) fromUser(d, card);
            for (Datagram d; (d = interrupts.poll()) != null; ) onInterrupt(d, card);
            for (Datagram d; (d = stats.poll()) != null; ) {
                byte[] line = statsLine(card).getBytes(StandardCharsets.US_ASCII);
                stats.trySend(d.source(), d.sourcePort(), line, 0, line.length);
            }
        }
    }

    private void fromUser(Datagram d, NetworkCard card) {
        switch (link.receive(d)) {
            case null -> { }
            case LinkMessage.Attach a -> link.send(new LinkMessage.Link(card.mac(), card.mtu(), card.linkUp()));
            case LinkMessage.Frame f -> card.transmit(f.bytes());
            case LinkMessage.Link l -> throw new IllegalStateException("the link channel let a LINK reach a driver");
        }
    }

    private void onInterrupt(Datagram d, NetworkCard card) {
        // Only the kernel sends interrupt packets, carrying the line in their first two bytes.
        if (!d.source().equals(process.sys().kernelAddress()) || d.data().length < 2 || ((d.data()[0] & 0xFF) << 8 | d.data()[1] & 0xFF) != irq) {
            bogusInterrupts++;
            return;
        }
        interruptCount++;
        card.interrupt(frame -> link.send(new LinkMessage.Frame(frame)));
        process.sys().acknowledgeInterrupt(irq);
    }

    /** The card's counters, then the loop's and the link's: one line. */
    public String statsLine(NetworkCard card) {
        var c = link.counters();
        return "%s; interrupts %d (bogus %d); link: rx no user %d, rx user queue full %d, tx from stranger %d, link malformed %d,"
                .formatted(card.counters(), interruptCount, bogusInterrupts, c.noPeer(), c.lost(), c.fromStranger(), c.malformed())
                + " attachments %d, user gone %d".formatted(c.attachments(), c.peerGone());
    }
}
