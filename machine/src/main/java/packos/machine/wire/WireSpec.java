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
 *   <li>{@code user[,hostfwd=tcp:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT]...} — user-mode
 *       networking with host port forwards, QEMU's syntax;</li>
 *   <li>{@code loopback} — a loopback plug: every frame sent comes back to the card;</li>
 *   <li>{@code none}.</li>
 * </ul>
 * Only the kinds with a backend are {@link Backed} and can be opened, so a caller cannot
 * compile a call that would fail for want of one.
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

    /** User-mode networking: parsed here; its backend is not written yet, so it is not {@link Backed}. */
    record User(List<HostForward> forwards) implements WireSpec {
        public User {
            forwards = List.copyOf(forwards);
        }

        @Override
        public String describe() {
            var text = new StringBuilder("user");
            forwards.forEach(f -> text.append(",hostfwd=").append(f.describe()));
            return text.toString();
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
     * A TCP port on the host relayed to a PackOS address and port. An absent host address means
     * every host address; an absent guest address means the image's default server address.
     */
    record HostForward(Optional<InetAddress> hostAddress, int hostPort, Optional<Inet6Address> guestAddress, int guestPort) {
        public HostForward {
            Objects.requireNonNull(hostAddress);
            Objects.requireNonNull(guestAddress);
            if (hostPort < 1 || hostPort > 65535 || guestPort < 1 || guestPort > 65535) {
                throw new IllegalArgumentException("hostfwd: ports must be 1-65535");
            }
        }

        /** QEMU's form: {@code tcp::8080-:80}, {@code tcp:[::1]:8443-[fd00:7e8e::3]:443}. */
        public String describe() {
            return "tcp:" + hostAddress.map(a -> AddressText.format(a, true)).orElse("") + ":" + hostPort
                    + "-" + guestAddress.map(a -> AddressText.format(a, true)).orElse("") + ":" + guestPort;
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
