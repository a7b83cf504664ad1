package packos.machine.wire;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Optional;
import java.util.regex.Pattern;
import packos.machine.wire.WireSpec.Guest;
import packos.machine.wire.WireSpec.HostForward;
import packos.machine.wire.WireSpec.None;
import packos.machine.wire.WireSpec.Tap;
import packos.machine.wire.WireSpec.Udp;
import packos.machine.wire.WireSpec.User;

/** Turns the command line's wire text into a {@link WireSpec}, with messages that say what was wrong and what was expected. */
final class WireSpecParser {
    static final String USAGE = "tap:IFNAME, udp:LOCAL_ADDR:PORT,REMOTE_ADDR:PORT, user[,hostfwd=tcp|udp:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT...][,dumbfs=DIR], echo, loopback or none";
    private static final String HOSTFWD_FORM = "tcp|udp:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT";
    /** A process name as boot configs write it (host.config.Identifiers): the guest of a forward may be one. */
    static final Pattern PROCESS_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final String PROCESS_NAME_RULE = "[a-z0-9][a-z0-9._-]{0,63}";

    static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private WireSpecParser() {}

    static WireSpec parse(String spec) {
        if (spec.equals("none")) return new None();
        if (spec.equals("loopback")) return new WireSpec.Loopback();
        if (spec.equals("echo")) return new WireSpec.Echo();
        if (spec.equals("user") || spec.startsWith("user,")) return user(spec);
        if (spec.startsWith("tap:")) return tap(spec.substring(4));
        if (spec.startsWith("udp:")) return udp(spec);
        int colon = spec.indexOf(':'), comma = spec.indexOf(',');
        int end = colon < 0 ? comma : comma < 0 ? colon : Math.min(colon, comma);
        var kind = end < 0 ? spec : spec.substring(0, end);
        throw new IllegalArgumentException("unknown wire \"%s\": expected %s".formatted(kind, USAGE));
    }

    static Tap tap(String name) {
        return new Tap(name);  // the record refuses a name Linux would refuse
    }

    static Udp udp(String spec) {
        var parts = spec.substring(4).split(",", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("udp: expected LOCAL_ADDR:PORT,REMOTE_ADDR:PORT, got \"%s\"".formatted(spec));
        }
        var local = socketAddress("udp", "local", parts[0], spec);
        var remote = socketAddress("udp", "remote", parts[1], spec);
        if (remote.getPort() == 0) {
            throw new IllegalArgumentException("udp: bad remote port 0 in \"%s\": expected 1-65535".formatted(parts[1]));
        }
        return new Udp(local, remote);
    }

    /** {@code [v6]:port} or {@code a.b.c.d:port}; the port may be 0 (any) here, callers refuse it where it can't be. */
    private static InetSocketAddress socketAddress(String kind, String role, String text, String spec) {
        int colon = portColon(text);
        if (colon < 0) {
            throw new IllegalArgumentException("%s: %s address \"%s\" has no port: expected ADDR:PORT, IPv6 in brackets ([::1]:7000), in \"%s\""
                    .formatted(kind, role, text, spec));
        }
        var host = text.substring(0, colon);
        var address = hostAddress(host);
        if (address == null) {
            throw new IllegalArgumentException("%s: bad %s address \"%s\": expected an IPv6 literal in brackets or an IPv4 dotted quad, in \"%s\""
                    .formatted(kind, role, host, spec));
        }
        return new InetSocketAddress(address, port(kind, role, text.substring(colon + 1), 0));
    }

    /** Where the port's colon is in {@code [v6]:port} or {@code a.b.c.d:port}; -1 when there is none. */
    private static int portColon(String text) {
        if (!text.startsWith("[")) return text.lastIndexOf(':');
        int close = text.indexOf(']');
        return close > 0 && close + 1 < text.length() && text.charAt(close + 1) == ':' ? close + 1 : -1;
    }

    /** {@code [v6]} or {@code a.b.c.d}; an IPv6 literal without brackets would be ambiguous with the port. */
    private static InetAddress hostAddress(String text) {
        if (text.startsWith("[") && text.endsWith("]")) {
            var inner = text.substring(1, text.length() - 1);
            return inner.indexOf(':') >= 0 ? AddressText.literal(inner) : null;
        }
        return text.indexOf(':') >= 0 ? null : AddressText.literal(text);
    }

    private static int port(String kind, String role, String text, int lowest) {
        int port = -1;
        if (text.matches("[0-9]{1,5}")) port = Integer.parseInt(text);
        if (port < lowest || port > 65535) {
            throw new IllegalArgumentException("%s: bad %s port \"%s\": expected %d-65535".formatted(kind, role, text, lowest));
        }
        return port;
    }

    static User user(String spec) {
        var forwards = new ArrayList<HostForward>();
        var hostPorts = new HashSet<String>();
        Optional<String> dumbfs = Optional.empty();
        var options = spec.split(",", -1);
        for (int i = 1; i < options.length; i++) {
            var option = options[i];
            if (option.startsWith("dumbfs=")) {
                if (dumbfs.isPresent()) throw new IllegalArgumentException("user: dumbfs= given twice");
                var dir = option.substring("dumbfs=".length());
                if (dir.isEmpty()) throw new IllegalArgumentException("user: dumbfs= names no directory");
                dumbfs = Optional.of(dir);
                continue;
            }
            if (!option.startsWith("hostfwd=")) {
                throw new IllegalArgumentException("user: unknown option \"%s\": expected hostfwd=%s or dumbfs=DIR".formatted(option, HOSTFWD_FORM));
            }
            var forward = hostForward(option.substring("hostfwd=".length()));
            if (!hostPorts.add(forward.protocol() + ":" + forward.hostPort())) {
                throw new IllegalArgumentException("user: host port %d is forwarded twice".formatted(forward.hostPort()));
            }
            forwards.add(forward);
        }
        return new User(forwards, dumbfs);
    }

    private static HostForward hostForward(String text) {
        var expected = "expected " + HOSTFWD_FORM + ", got \"" + text + "\"";
        if (!text.startsWith("tcp:") && !text.startsWith("udp:")) {
            int colon = text.indexOf(':');
            if (colon > 0 && !text.substring(0, colon).contains("-")) {
                throw new IllegalArgumentException("hostfwd: protocol \"%s\" is not forwarded, only tcp and udp: %s".formatted(text.substring(0, colon), expected));
            }
            throw new IllegalArgumentException("hostfwd: " + expected);
        }
        var protocol = text.startsWith("udp:") ? HostForward.Protocol.UDP : HostForward.Protocol.TCP;
        var rest = text.substring(4);
        // The dash between host and guest: a host address contains none, so the first one splits
        // them (a process name on the guest side may contain dashes of its own).
        int dash = rest.indexOf('-');
        if (dash < 0) throw new IllegalArgumentException("hostfwd: " + expected);
        var host = rest.substring(0, dash);
        var guest = rest.substring(dash + 1);
        int hostColon = portColon(host), guestColon = portColon(guest);
        if (hostColon < 0 || guestColon < 0) throw new IllegalArgumentException("hostfwd: " + expected);

        Optional<InetAddress> hostAddress = Optional.empty();
        var hostText = host.substring(0, hostColon);
        if (!hostText.isEmpty()) {
            var address = hostAddress(hostText);
            if (address == null) {
                throw new IllegalArgumentException("hostfwd: bad host address \"%s\": expected an IPv6 literal in brackets or an IPv4 dotted quad, in \"%s\""
                        .formatted(hostText, text));
            }
            hostAddress = Optional.of(address);
        }
        return new HostForward(protocol, hostAddress, port("hostfwd", "host", host.substring(hostColon + 1), 1),
                guest(guest.substring(0, guestColon), text), port("hostfwd", "guest", guest.substring(guestColon + 1), 1));
    }

    /** An IPv6 literal in brackets, a process name, or nothing (the image's workload). */
    private static Guest guest(String text, String forward) {
        if (text.isEmpty()) return new Guest.Workload();
        // Every PackOS process address is IPv6: an IPv4 guest address could reach nothing.
        if (hostAddress(text) instanceof Inet6Address address) return new Guest.At(address);
        if (!text.startsWith("[") && AddressText.literal(text) == null && PROCESS_NAME.matcher(text).matches()) {
            return new Guest.Process(text);
        }
        throw new IllegalArgumentException(("hostfwd: bad guest address \"%s\": expected an IPv6 literal in brackets (PackOS addresses are IPv6)"
                + " or a process name (%s), in \"%s\"").formatted(text, PROCESS_NAME_RULE, forward));
    }

    /** Why {@code name} cannot be a Linux interface name, or null if it can. */
    static String nameProblem(String name) {
        if (name.isEmpty() || name.length() > 15 || !INTERFACE_NAME.matcher(name).matches()
                || name.equals(".") || name.equals("..")) {
            return "tap: bad interface name \"%s\": expected 1-15 characters of A-Z a-z 0-9 _ . - (not \".\" or \"..\")".formatted(name);
        }
        return null;
    }
}
