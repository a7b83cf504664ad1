package packos.host.usernet;

import java.util.Optional;
import packos.kernel.Address;
import packos.machine.wire.WireSpec;

/**
 * Where a host forward's guest lives. Asked on the network's thread each time a host connection
 * arrives, since a process gets its address only when the scheduler creates it.
 */
public interface Guests {
    /** The guest's KAN address now, or empty if it names a process not created (yet). */
    Optional<Address> addressOf(WireSpec.Guest guest);

    /**
     * How the console names the guest: the address, the process name, or the workload's name;
     * empty when it names nothing at all (an image with no workload process).
     */
    Optional<String> describe(WireSpec.Guest guest);
}
