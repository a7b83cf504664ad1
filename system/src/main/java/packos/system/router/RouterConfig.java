package packos.system.router;

import java.util.ArrayList;
import java.util.List;
import packos.kernel.Address;
import packos.kernel.Prefix;
import packos.lib.link.RouterLink;

/**
 * The router's arguments, {@code key=value} each:
 * <pre>
 *   driver=ADDR             the NIC driver's KAN address (required)
 *   address=ADDR/LEN        an address on the Ethernet link, repeatable (default {@link RouterLink}: fd00:7e8f::2/64)
 *   route=PREFIX[,NEXTHOP]  a static route out the Ethernet, on-link without a next hop, repeatable
 *                           (default: the prefixes of the addresses, on-link)
 *   ra=yes|no               send Router Advertisements and answer solicitations (default no)
 *   ra-default=yes|no       advertise itself as a default router (router lifetime 1800 s; default no)
 * </pre>
 * A bad argument is an {@link IllegalArgumentException} that names it.
 */
public record RouterConfig(Address driver, List<Assigned> addresses, List<StaticRoute> routes, boolean advertise, boolean advertiseDefault) {
    public static final Prefix DEFAULT_ADDRESS = RouterLink.PREFIX;
    public static final Address DEFAULT_HOST = RouterLink.ROUTER;

    /** A route out the Ethernet; {@code nextHop} null means the prefix is on the link. */
    public record StaticRoute(Prefix prefix, Address nextHop) {}

    public RouterConfig {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
    }

    /** An address on the link and the length of its on-link prefix. */
    public record Assigned(Address address, int length) {
        public Prefix prefix() { return new Prefix(address, length); }
    }

    public static RouterConfig parse(List<String> args) {
        Address driver = null;
        var assigned = new ArrayList<Assigned>();
        var routes = new ArrayList<StaticRoute>();
        boolean ra = false, raDefault = false;
        for (var arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("router argument '" + arg + "' is not key=value");
            String key = arg.substring(0, eq), value = arg.substring(eq + 1);
            switch (key) {
                case "driver" -> driver = address(arg, value);
                case "address" -> {
                    int slash = value.indexOf('/');
                    if (slash < 0) throw new IllegalArgumentException("router argument '" + arg + "': expected ADDRESS/LENGTH");
                    var a = address(arg, value.substring(0, slash));
                    int length = prefixLength(arg, value.substring(slash + 1));
                    if (a.isMulticast() || a.isUnspecified() || a.isLinkLocal()) {
                        throw new IllegalArgumentException("router argument '" + arg + "': " + a + " is not a global unicast address");
                    }
                    assigned.add(new Assigned(a, length));
                }
                case "route" -> {
                    int comma = value.indexOf(',');
                    var prefix = prefix(arg, comma < 0 ? value : value.substring(0, comma));
                    Address nextHop = comma < 0 ? null : address(arg, value.substring(comma + 1));
                    if (nextHop != null && (nextHop.isMulticast() || nextHop.isUnspecified())) {
                        throw new IllegalArgumentException("router argument '" + arg + "': next hop " + nextHop + " is not a unicast address");
                    }
                    routes.add(new StaticRoute(prefix, nextHop));
                }
                case "ra" -> ra = yesNo(arg, value);
                case "ra-default" -> raDefault = yesNo(arg, value);
                default -> throw new IllegalArgumentException("router argument '" + arg + "': unknown key '" + key
                        + "' (driver, address, route, ra, ra-default)");
            }
        }
        if (driver == null) throw new IllegalArgumentException("router argument driver=ADDR (the NIC driver's KAN address) is required");
        if (assigned.isEmpty()) assigned.add(new Assigned(DEFAULT_HOST, DEFAULT_ADDRESS.length()));
        return new RouterConfig(driver, assigned, routes, ra, raDefault);
    }

    private static Address address(String arg, String text) {
        try {
            return Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("router argument '" + arg + "': '" + text + "' is not an IPv6 address");
        }
    }

    private static Prefix prefix(String arg, String text) {
        try {
            return Prefix.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("router argument '" + arg + "': '" + text + "' is not a PREFIX/LENGTH (" + e.getMessage() + ")");
        }
    }

    private static int prefixLength(String arg, String text) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1 || n > 128) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("router argument '" + arg + "': prefix length '" + text + "' is not in 1..128");
        }
    }

    private static boolean yesNo(String arg, String value) {
        return switch (value) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("router argument '" + arg + "': expected yes or no");
        };
    }
}
