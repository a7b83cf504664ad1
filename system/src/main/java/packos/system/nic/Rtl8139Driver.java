package packos.system.nic;

import static packos.system.nic.Rtl8139Ports.*;

import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.link.LinkMessage;
import packos.lib.net.Datagram;
import packos.lib.net.Pollable;
import packos.lib.net.UdpSocket;
import packos.lib.pci.PciBar;
import packos.lib.pci.PciClient;
import packos.lib.pci.PciDevice;
import packos.lib.pci.PciFilter;
import packos.lib.wire.MalformedPacketException;
import packos.machine.nic.MacAddress;

/**
 * The RTL8139 driver (capabilities {@code device:00:03.0,irq:11}; argument: the PCI service's
 * address). It takes the first RTL8139 from the PCI service, has the service turn on I/O, memory
 * and bus mastering, registers the card's routed IRQ, resets the card and sets up its rings, then
 * moves frames between the card and the process attached on UDP {@link LinkMessage#DRIVER_PORT}.
 *
 * <p>One loop waits on the interrupt socket and the link socket. An interrupt packet is the top
 * half: the driver reads and clears ISR, empties the receive ring, takes back finished transmit
 * descriptors and starts queued frames, and only then acknowledges the line, so the card cannot
 * interrupt again before its last events are handled. Any datagram to UDP {@link #STATS_PORT}
 * is answered with the counters as one line of text.
 */
public final class Rtl8139Driver implements Program {
    public static final int VENDOR = 0x10EC, DEVICE = 0x8139, NETWORK_CLASS = 0x02;
    /** Where the driver answers with its counters. */
    public static final int STATS_PORT = packos.lib.link.DriverStats.PORT;
    static final int MTU = 1500;

    private final DriverCounters counters = new DriverCounters();
    private Process process;
    private UdpSocket link;
    private Address user;
    private int userPort;

    @Override
    public void main(Process process) {
        this.process = process;
        if (process.args().size() != 1) {
            process.print("usage: Rtl8139Driver PCI_SERVICE_ADDRESS (got " + process.args().size() + " arguments)");
            return;
        }
        Address pciService;
        try {
            pciService = Address.parse(process.args().get(0));
        } catch (IllegalArgumentException e) {
            process.print("bad PCI service address \"" + process.args().get(0) + "\": " + e.getMessage());
            return;
        }
        PciDevice card;
        Rtl8139Card nic;
        try (var pci = PciClient.connect(process.net(), pciService)) {
            pci.setFilter(PciFilter.of(VENDOR, DEVICE, NETWORK_CLASS));
            int cards = pci.count();
            process.print(cards + " RTL8139 card(s)");
            if (cards == 0) {
                process.print("rtl8139: no cards found");
                return;
            }
            pci.reserve(0);
            card = pci.device(0);
            PciBar io = card.bars().get(0);
            if (io.kind() != PciBar.Kind.IO) throw new KernelException(ErrorCode.DOES_NOT_EXIST, "RTL8139 at " + card.address() + " has no I/O BAR0: " + io);
            if (card.irq() == 0) throw new KernelException(ErrorCode.NO_SUCH_INTERRUPT, "RTL8139 at " + card.address() + " has no IRQ routed to its INTA#");
            // Reset before the card may master the bus: after a driver dies it still holds that
            // driver's rings (RBSTART, receiver on), in RAM the kernel has taken back. The PCI
            // service placed the BARs with decoding on, so the registers answer already.
            nic = new Rtl8139Card(process.sys().devices(), (int) io.address());
            nic.reset();
            pci.enable(0, true, true, true);
        }
        var net = process.net();
        var sys = process.sys();
        var interrupts = net.udp();
        link = net.udp(LinkMessage.DRIVER_PORT);
        var stats = net.udp(STATS_PORT);
        // An ICMP error about a datagram we sent (a user gone) is handled where the send failed, not thrown from a later poll.
        link.onError(report -> { });
        stats.onError(report -> { });
        sys.registerInterrupt(card.irq(), interrupts.port());

        var rx = new ReceiveRing(nic, counters);
        var tx = new TransmitRing(nic, counters);
        // Every multicast hash bit set: the router serves NDP for any KAN address, so it listens to
        // every solicited-node group and filters in software, as Linux's 8139too does for allmulti.
        nic.write32(MAR0, 0xFFFF_FFFF);
        nic.write32(MAR4, 0xFFFF_FFFF);
        nic.write32(RCR, RCR_APM | RCR_AM | RCR_AB);
        nic.write16(IMR, INTERRUPTS);
        nic.write8(CR, CR_RE | CR_TE);
        MacAddress mac = nic.mac();
        process.print("RTL8139 at %s: MAC %s, IRQ %d".formatted(card.address(), mac, card.irq()));

        var poller = net.poller().add(interrupts, Pollable.READABLE).add(link, Pollable.READABLE).add(stats, Pollable.READABLE);
        while (true) {
            poller.poll();
            // Frames to send first: a burst fills the four descriptors and the rest waits for TOK.
            for (Datagram d; (d = link.poll()) != null; ) onLink(d, nic, mac, tx);
            for (Datagram d; (d = interrupts.poll()) != null; ) onInterrupt(d, card.irq(), nic, rx, tx);
            for (Datagram d; (d = stats.poll()) != null; ) {
                byte[] line = counters.line().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                stats.trySend(d.source(), d.sourcePort(), line, 0, line.length);
            }
        }
    }

    private void onInterrupt(Datagram d, int irq, Rtl8139Card nic, ReceiveRing rx, TransmitRing tx) {
        // Only the kernel sends interrupt packets, carrying the line in their first two bytes.
        if (!d.source().equals(process.sys().kernelAddress()) || d.data().length < 2 || ((d.data()[0] & 0xFF) << 8 | d.data()[1] & 0xFF) != irq) {
            counters.bogusInterrupts++;
            return;
        }
        counters.interrupts++;
        int isr = nic.read16(ISR);
        nic.write16(ISR, isr);
        if ((isr & (INT_RXOVW | INT_FOVW)) != 0) counters.rxOverflow++;
        if ((isr & (INT_ROK | INT_RER | INT_RXOVW | INT_FOVW)) != 0) rx.drain(this::toUser);
        if ((isr & (INT_TOK | INT_TER)) != 0) tx.reclaim();
        process.sys().acknowledgeInterrupt(irq);
    }

    private void onLink(Datagram d, Rtl8139Card nic, MacAddress mac, TransmitRing tx) {
        LinkMessage m;
        try {
            m = LinkMessage.decode(d.data());
        } catch (MalformedPacketException e) {
            counters.linkMalformed++;
            return;
        }
        switch (m) {
            case LinkMessage.Attach a -> {
                user = d.source();
                userPort = d.sourcePort();
                counters.attachments++;
                reply(new LinkMessage.Link(mac, MTU, nic.linkUp()));
            }
            case LinkMessage.Frame f -> {
                if (user == null || !user.equals(d.source()) || userPort != d.sourcePort()) counters.txFromStranger++;
                else tx.send(f.bytes());
            }
            // LINK goes from the driver, never to it.
            case LinkMessage.Link l -> counters.linkMalformed++;
        }
    }

    private void toUser(byte[] frame) {
        if (user == null) {
            counters.rxNoUser++;
            return;
        }
        reply(new LinkMessage.Frame(frame));
    }

    /** Sends to the attached user; a user that has gone is forgotten, a full queue costs the frame. */
    private void reply(LinkMessage m) {
        byte[] payload = m.encode();
        try {
            link.send(user, userPort, payload);
        } catch (KernelException e) {
            if (e.code() == ErrorCode.ADDRESS_UNREACHABLE) {
                counters.userGone++;
                user = null;
            } else if (e.code() == ErrorCode.PACKET_QUEUE_FULL) {
                counters.rxUserQueueFull++;
            } else {
                throw e;
            }
        }
    }

}
