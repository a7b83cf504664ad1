package packos.lib.net;

import java.util.ArrayList;
import java.util.List;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.kernel.Prefix;

/** A process's routes; the longest matching prefix wins, the newest among equals. */
public final class RouteTable {
    private final List<Route> routes = new ArrayList<>();
    // The last lookup's answer: a stream asks for the same destination again and again.
    private Address lastDestination;
    private Route lastRoute;

    public void add(Route route) {
        routes.removeIf(r -> r.destination().equals(route.destination()));
        routes.add(route);
        lastDestination = null;
    }

    public boolean remove(Prefix destination) {
        lastDestination = null;
        return routes.removeIf(r -> r.destination().equals(destination));
    }

    /** The default route (::/0) through {@code gateway}: for a process behind the router. */
    public void setDefault(Address gateway, NetInterface via) {
        add(new Route(new Prefix(Address.UNSPECIFIED, 0), gateway, via));
    }

    /** The longest-prefix match for {@code destination}; NO_ROUTE_TO_HOST when no route holds it. */
    public Route lookup(Address destination) {
        var r = find(destination);
        if (r == null) throw new KernelException(ErrorCode.NO_ROUTE_TO_HOST, "no route to " + destination);
        return r;
    }

    /** As {@link #lookup}, null when no route holds {@code destination}: for callers with somewhere else to look. */
    public Route find(Address destination) {
        if (destination.equals(lastDestination)) return lastRoute;
        Route best = null;
        for (var r : routes) {
            if (r.destination().contains(destination) && (best == null || r.destination().length() >= best.destination().length())) {
                best = r;
            }
        }
        if (best == null) return null;
        lastDestination = destination;
        lastRoute = best;
        return best;
    }

    public List<Route> routes() { return List.copyOf(routes); }
}
