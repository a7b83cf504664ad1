package packos.lib.net;

import java.util.ArrayList;
import java.util.List;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;

/**
 * A process's interfaces. The original kept this list in a kernel slot shared by convention;
 * here each process's stack owns its own.
 */
public final class InterfaceRegistry {
    private final List<NetInterface> interfaces = new ArrayList<>();

    public void register(NetInterface i) {
        if (interfaces.contains(i)) throw new KernelException(ErrorCode.RESOURCE_IN_USE, "interface " + i.name() + " is already registered");
        for (var other : interfaces) {
            if (other.name().equals(i.name())) throw new KernelException(ErrorCode.RESOURCE_IN_USE, "an interface is already named " + i.name());
        }
        interfaces.add(i);
    }

    public void unregister(NetInterface i) {
        if (!interfaces.remove(i)) throw new KernelException(ErrorCode.DOES_NOT_EXIST, "interface " + i.name() + " is not registered");
    }

    /** The interface that owns {@code address}, or null. */
    public NetInterface owning(Address address) {
        for (var i : interfaces) if (i.owns(address)) return i;
        return null;
    }

    /** The first interface whose link prefix holds {@code destination}, or null. */
    public NetInterface onLink(Address destination) {
        for (var i : interfaces) if (i.prefix().contains(destination)) return i;
        return null;
    }

    public NetInterface named(String name) {
        for (var i : interfaces) if (i.name().equals(name)) return i;
        return null;
    }

    public List<NetInterface> all() { return List.copyOf(interfaces); }
}
