package packos.machine.wire;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A network card's wire as the command line names it:
 * <ul>
 *   <li>{@code tap:IFNAME} — a Linux TAP device;</li>
 *   <li>{@code udp:LOCAL_ADDR:PORT,REMOTE_ADDR:PORT} — frames in UDP datagrams, IPv6 in
 *       brackets ({@code udp:[::1]:7000,[::1]:7001}) or IPv4 ({@code udp:127.0.0.1:7000,127.0.0.1:7001});</li>
 *   <li>{@code user[,hostfwd=tcp:[HOSTADDR]:HOSTPORT-[GUEST]:GUESTPORT]...} — user-mode
 *       networking with host port forwards, QEMU's syntax; GUEST is an IPv6 literal in brackets,
 *       a process name, or empty for the image's workload;</li>
 *   <li>{@code echo} — a small IPv6 host at the other end of the cable that answers Neighbor
 *       Solicitations, pings and UDP echo (port 7) inside the card's transmit call;</li>
 *   <li>{@code loopback} — a loopback plug: every frame sent comes back to the card;</li>
 *   <li>{@code none}.</li>
 * </ul>
 * Only the kinds whose backend lives in this module are {@link Backed} and open themselves;
 * {@link User} and {@link Echo} need the IPv6 code of the layers above, so the host opens them
 * (its {@code packos.host.usernet.UserNetwork} and {@code packos.host.echo.EchoWire}), switching
 * on this sealed type.
 */
public sealed interface WireSpec {
    /** A spec whose backend exists: it opens to a wire. */
    sealed interface Backed extends WireSpec {
        EthernetWire open() throws IOException;
    }

    /** The spec in the form {@link #parse} takes. */
    String describe();

    record Tap(String name) implements Backed {
        public Tap {
            Objects.requireNonNull(name);
            var problem = WireSpecParser.nameProblem(name);
            if (problem != null) throw new IllegalArgumentException(problem);
        }

        @Override
        public TapWire open() throws IOException {
            return TapWire.open(name);
        }

        @Override
        public String describe() {
            return "tap:" + name;
        }
    }

    record Udp(InetSocketAddress local, InetSocketAddress remote) implements Backed {
        public Udp {
            Objects.requireNonNull(local);
            Objects.requireNonNull(remote);
            if (local.isUnresolved() || remote.isUnresolved()) throw new IllegalArgumentException("udp: addresses must be IP literals");
            if (remote.getPort() == 0) throw new IllegalArgumentException("udp: the remote port must not be 0");
        }

        @Override
        public UdpWire open() throws IOException {
            return UdpWire.open(local, remote);
        }

        @Override
        public String describe() {
            return "udp:" + AddressText.format(local) + "," + AddressText.format(remote);
        }
    }

    /**
     * User-mode networking: a small virtual host on the other end of the cable, relaying host TCP
     * ports into PackOS and PackOS' connections to its address out to the host's loopback. Not
     * {@link Backed}: its backend is built from the library's TCP engine, above this module.
     */
    record User(List<HostForward> forwards, Optional<String> dumbfs) implements WireSpec {
        public User {
            forwards = List.copyOf(forwards);
            Objects.requireNonNull(dumbfs);
        }

        public User(List<HostForward> forwards) { this(forwards, Optional.empty()); }

        @Override
        public String describe() {
            var text = new StringBuilder("user");
            forwards.forEach(f -> text.append(",hostfwd=").append(f.describe()));
            dumbfs.ifPresent(d -> text.append(",dumbfs=").append(d));
            return text.toString();
        }
    }

    /**
     * An echo host: a peer on the cable that speaks IPv6 (Neighbor Discovery, ping, UDP echo) and
     * answers each frame before the card's transmit returns, on the sender's own thread, as the
     * loopback plug does, so a run in virtual time that talks to the outside stays a function of
     * its boot config. Not {@link Backed}: it is built from the library's IPv6 views, above this module.
     */
    record Echo() implements WireSpec {
        @Override
        public String describe() {
            return "echo";
        }
    }

    /** A loopback plug: what the card sends, it receives, at once and on the sender's own thread. */
    record Loopback() implements Backed {
        @Override
        public LoopbackPlug open() {
            return new LoopbackPlug();
        }

        @Override
        public String describe() {
            return "loopback";
        }
    }

    record None() implements Backed {
        @Override
        public NoWire open() {
            return new NoWire();
        }

        @Override
        public String describe() {
            return "none";
        }
    }

    /**
     * A TCP port on the host relayed to a PackOS process and port. An absent host address means
     * every host address, as QEMU has it.
     */
    record HostForward(Protocol protocol, Optional<InetAddress> hostAddress, int hostPort, Guest guest, int guestPort) {
        /** What is relayed: TCP connections or UDP datagrams. */
        public enum Protocol {
            TCP, UDP;

            @Override
            public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }
        }

        public HostForward(Optional<InetAddress> hostAddress, int hostPort, Guest guest, int guestPort) {
            this(Protocol.TCP, hostAddress, hostPort, guest, guestPort);
        }

        public HostForward {
            Objects.requireNonNull(protocol);
            Objects.requireNonNull(hostAddress);
            Objects.requireNonNull(guest);
            if (hostPort < 1 || hostPort > 65535 || guestPort < 1 || guestPort > 65535) {
                throw new IllegalArgumentException("hostfwd: ports must be 1-65535");
            }
        }

        /** QEMU's form: {@code tcp::8080-:80}, {@code tcp:[::1]:8443-[fd00:7e8e::3]:443}, {@code tcp::8080-server:80}. */
        public String describe() {
            return protocol + ":" + hostAddress.map(a -> AddressText.format(a, true)).orElse("") + ":" + hostPort
                    + "-" + guest.describe() + ":" + guestPort;
        }

        /** Where the host's listening socket is: the address (every address when absent) and port, as a console shows it. */
        public String describeHost() {
            return hostAddress.map(a -> AddressText.format(a, true)).orElse("[::]") + ":" + hostPort;
        }
    }

    /**
     * The PackOS end of a host forward. A process is named rather than addressed when its address
     * is not known before boot (addresses are handed out as the scheduler creates processes); a
     * name is resolved each time a host connection arrives, and a restarted process keeps its
     * address.
     */
    sealed interface Guest {
        /** The text a spec writes: {@code [fd00:7e8e::3]}, {@code server}, or empty. */
        String describe();

        /** A fixed IPv6 address. */
        record At(Inet6Address address) implements Guest {
            public At {
                Objects.requireNonNull(address);
            }

            @Override
            public String describe() { return AddressText.format(address, true); }
        }

        /** A process of the image, by its name in the boot config. */
        record Process(String name) implements Guest {
            public Process {
                Objects.requireNonNull(name);
                if (!WireSpecParser.PROCESS_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("hostfwd: bad process name \"" + name + "\": expected " + WireSpecParser.PROCESS_NAME_RULE);
                }
            }

            @Override
            public String describe() { return name; }
        }

        /** Nothing named: the image's workload, the first process of the boot config that holds no capabilities. */
        record Workload() implements Guest {
            @Override
            public String describe() { return ""; }
        }
    }

    /**
     * Parses a wire spec.
     *
     * @throws IllegalArgumentException whose message names the part that was wrong and what was expected
     */
    static WireSpec parse(String spec) {
        return WireSpecParser.parse(spec);
    }

}
