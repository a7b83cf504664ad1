package packos.lib.net;

import packos.kernel.Address;
import packos.kernel.Packet;
import packos.kernel.Prefix;
import packos.kernel.Syscalls;

/**
 * The interface onto the KAN: link addresses are IPv6 addresses, so the next hop is written into
 * the KAN header and the kernel delivers the packet. By default a send to a receiver that is
 * blocked hands it the CPU at once; a scheduler turns that off to keep control of its schedule.
 */
public final class KanInterface implements NetInterface {
    private final Syscalls sys;
    private boolean yieldToRecipient = true;

    KanInterface(Syscalls sys) { this.sys = sys; }

    @Override
    public String name() { return "kan0"; }

    @Override
    public Address address() { return sys.address(); }

    @Override
    public Prefix prefix() { return sys.kanPrefix(); }

    @Override
    public int mtu() { return sys.pageSize(); }

    /** The KAN never alters a page in transit, and the kernel fills pending checksums where bytes are shown or damaged. */
    @Override
    public boolean checksumOffload() { return true; }

    public boolean yieldToRecipient() { return yieldToRecipient; }

    public void setYieldToRecipient(boolean yield) { this.yieldToRecipient = yield; }

    @Override
    public void transmit(Packet packet, Address nextHop) {
        packet.setKanDestination(nextHop);
        sys.send(packet, yieldToRecipient);
    }
}
