package packos.system.nic;

import static packos.system.nic.Rtl8139Ports.*;

import java.util.function.Consumer;
import packos.lib.link.NetworkCard;
import packos.machine.nic.MacAddress;

/**
 * An RTL8139 set up and running, as the driver loop sees a card: the interrupt handler is the
 * top half the datasheet asks for (read and clear ISR, empty the receive ring, take back finished
 * transmit descriptors and start queued frames), the rest is the rings'.
 */
final class Rtl8139Nic implements NetworkCard {
    private final Rtl8139Card card;
    private final MacAddress mac;
    private final ReceiveRing rx;
    private final TransmitRing tx;
    private final DriverCounters counters;

    /** Sets up the rings and the filters and turns receiver, transmitter and interrupts on. */
    Rtl8139Nic(Rtl8139Card card) {
        this.card = card;
        this.counters = new DriverCounters();
        this.rx = new ReceiveRing(card, counters);
        this.tx = new TransmitRing(card, counters);
        // Every multicast hash bit set: the router serves NDP for any KAN address, so it listens to
        // every solicited-node group and filters in software, as Linux's 8139too does for allmulti.
        card.write32(MAR0, 0xFFFF_FFFF);
        card.write32(MAR4, 0xFFFF_FFFF);
        card.write32(RCR, RCR_APM | RCR_AM | RCR_AB | RCR_RBLEN_64K);
        card.write16(IMR, INTERRUPTS);
        card.write8(CR, CR_RE | CR_TE);
        this.mac = card.mac();
    }

    @Override
    public MacAddress mac() { return mac; }

    @Override
    public int mtu() { return Rtl8139Driver.MTU; }

    @Override
    public boolean linkUp() { return card.linkUp(); }

    @Override
    public void transmit(byte[] frame) { tx.send(frame); }

    @Override
    public void interrupt(Consumer<byte[]> received) {
        int isr = card.read16(ISR);
        card.write16(ISR, isr);
        if ((isr & (INT_RXOVW | INT_FOVW)) != 0) counters.rxOverflow++;
        if ((isr & (INT_ROK | INT_RER | INT_RXOVW | INT_FOVW)) != 0) rx.drain(received);
        if ((isr & (INT_TOK | INT_TER)) != 0) tx.reclaim();
    }

    @Override
    public String counters() { return counters.line(); }
}
