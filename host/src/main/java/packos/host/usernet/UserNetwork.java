package packos.host.usernet;

import java.io.IOException;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import packos.host.dumbfs.DumbFsServer;
import packos.host.ethernet.EthernetHost;
import packos.lib.fs.FileSystem;
import packos.kernel.Address;
import packos.kernel.Prefix;
import packos.lib.link.RouterLink;
import packos.machine.nic.MacAddress;
import packos.machine.wire.EthernetWire;
import packos.machine.wire.FrameReceiver;
import packos.machine.wire.WireSpec;

/**
 * User-mode networking, as QEMU's {@code -netdev user} gives a guest, for IPv6: the card's cable
 * ends at a small virtual host (MAC {@link #MAC}, {@code fe80::5055:aff:fe00:202} and
 * {@link #ADDRESS} on the link prefix fd00:7e8f::/64), the only host on that Ethernet besides
 * PackOS' router. No root is needed and nothing reaches the real network:
 * <ul>
 *   <li>each {@code hostfwd=tcp:[HOSTADDR]:HOSTPORT-[GUEST]:GUESTPORT} listens on the host's TCP
 *       port and relays every connection it accepts into PackOS, to the guest's address and port
 *       (a process name or the image's workload is resolved when the connection arrives);</li>
 *   <li>a connection from PackOS to {@code [fd00:7e8f::1]:P} is relayed to the host's loopback
 *       port P ({@code [::1]}, then {@code 127.0.0.1}); a refused port is a RST into PackOS;</li>
 *   <li>it answers Neighbor Solicitations for its addresses and pings to them, and treats the
 *       KAN prefix as on-link, resolving a process's address by Neighbor Solicitation, which
 *       PackOS' router answers for it (proxy NDP).</li>
 * </ul>
 *
 * <p>One platform thread runs it all: a selector over the host sockets, the TCP engines and
 * neighbour timers in real time, and the queue of frames {@link #transmit} takes from the card
 * (bounded; a full queue drops the frame and counts it). Frames for the card are delivered on
 * that thread, as every wire delivers on its own.
 *
 * <p>To plug it in: {@code UserNetwork.open(spec, kanPrefix, guests, log)}, then hand it to the
 * board like any wire; {@link #forwardLines} are the console lines that say what listens where.
 */
public final class UserNetwork implements EthernetWire {
    /** The virtual host's MAC: QEMU's user network uses 52:55:0a:00:02:02 for its gateway. */
    public static final MacAddress MAC = MacAddress.parse("52:55:0a:00:02:02");
    /** The virtual host's address on the Ethernet: the link prefix's ::1. */
    public static final Address ADDRESS = RouterLink.PEER;
    public static final Prefix LINK_PREFIX = RouterLink.PREFIX;
    /** Frames from the card waiting for the loop. */
    public static final int QUEUE = 1024;

    private final WireSpec.User spec;
    private final Selector selector;
    private final UserNetworkStats stats = new UserNetworkStats();
    private final EthernetHost host;
    private final TcpRelays relays;
    private final UdpRelays udp;
    private final DumbFsResponder dumbfs;
    private final List<String> udpForwardLines = new ArrayList<>();
    private volatile FrameReceiver card;
    private final List<HostForwardListener> listeners = new ArrayList<>();
    private final BlockingQueue<byte[]> inbox = new ArrayBlockingQueue<>(QUEUE);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Consumer<String> log;
    private volatile boolean closed;
    private Thread loop;

    private UserNetwork(WireSpec.User spec, Prefix kanPrefix, Guests guests, Consumer<String> log, Selector selector, FileSystem dumbfsFiles) {
        this.spec = spec;
        this.selector = selector;
        this.log = log;
        this.host = new EthernetHost(MAC, ADDRESS, LINK_PREFIX, kanPrefix, stats.host, new SplittableRandom(), System.nanoTime());
        this.relays = new TcpRelays(host, selector, stats, guests, log);
        this.udp = new UdpRelays(host, selector, stats, guests);
        this.dumbfs = dumbfsFiles == null ? null : new DumbFsResponder(new DumbFsServer(dumbfsFiles), MAC, ADDRESS, stats);
    }

    /**
     * Binds every forward's host port now, so that a port in use stops the boot with its reason.
     *
     * @param kanPrefix the KAN's prefix, on-link for this host (the router answers for it)
     * @param guests    where forwards' guests live: names resolve when a connection arrives
     * @param log       takes a line for the console when a connection cannot be relayed
     * @throws IOException naming the forward and the reason a port could not be bound, or that a
     *                     forward names no guest (an image without a workload process)
     */
    public static UserNetwork open(WireSpec.User spec, Prefix kanPrefix, Guests guests, Consumer<String> log) throws IOException {
        return open(spec, kanPrefix, guests, log, null);
    }

    /**
     * @param dumbfsFiles what the built-in DumbFS server serves at [fd00:7e8f::1]:5002 (the host
     *                    resolves {@code dumbfs=}); null for none
     */
    public static UserNetwork open(WireSpec.User spec, Prefix kanPrefix, Guests guests, Consumer<String> log, FileSystem dumbfsFiles)
            throws IOException {
        Objects.requireNonNull(spec);
        Objects.requireNonNull(kanPrefix);
        Objects.requireNonNull(guests);
        Objects.requireNonNull(log);
        var network = new UserNetwork(spec, kanPrefix, guests, log, Selector.open(), dumbfsFiles);
        try {
            for (var forward : spec.forwards()) {
                var name = guests.describe(forward.guest()).orElseThrow(() -> new IOException(
                        "user: hostfwd=%s names no guest, and the image has no process without capabilities to be its workload: name one (tcp::%d-NAME:%d)"
                                .formatted(forward.describe(), forward.hostPort(), forward.guestPort())));
                if (forward.protocol() == WireSpec.HostForward.Protocol.UDP) network.udpForwardLines.add(network.udp.bind(forward, name));
                else network.listeners.add(HostForwardListener.bind(forward, name, network.selector, network.relays));
            }
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    /** One console line per forward: {@code hostfwd tcp [::]:8080 -> server:80}. */
    public List<String> forwardLines() {
        var lines = new ArrayList<String>();
        listeners.forEach(l -> lines.add("hostfwd tcp %s -> %s:%d".formatted(l.forward.describeHost(), l.guestName, l.forward.guestPort())));
        lines.addAll(udpForwardLines);
        if (dumbfs != null) lines.add("dumbfs [" + ADDRESS + "]:" + packos.lib.fs.dumbfs.DumbFs.PORT + " serves " + spec.dumbfs().orElse(""));
        return List.copyOf(lines);
    }

    public UserNetworkStats stats() { return stats; }

    @Override
    public synchronized void start(FrameReceiver receiver) {
        Objects.requireNonNull(receiver);
        if (loop != null) throw new IllegalStateException(describe() + " is already started");
        if (closed) throw new IllegalStateException(describe() + " is closed");
        card = receiver;
        host.connect(receiver, new UserHostServices(host, relays, udp));
        loop = Thread.ofPlatform().daemon().name("packos-user-network").start(this::run);
    }

    @Override
    public boolean transmit(byte[] frame, int off, int len) {
        Objects.checkFromIndexSize(off, len, frame.length);
        if (closed || !EthernetWire.isFrameLength(len)) {
            stats.refusedAtTransmit.increment();
            return false;
        }
        var receiver = card;
        if (dumbfs != null && receiver != null && off == 0 && dumbfs.answer(frame, len, receiver)) return true;
        var copy = new byte[len];
        System.arraycopy(frame, off, copy, 0, len);
        if (!inbox.offer(copy)) {
            stats.refusedAtTransmit.increment();
            return false;
        }
        selector.wakeup();
        return true;
    }

    private void run() {
        try {
            while (!closed) {
                long now = System.nanoTime();
                // At most a queue's worth per turn: a card that never stops sending must not starve the host sockets.
                for (int i = 0; i < QUEUE; i++) {
                    var frame = inbox.poll();
                    if (frame == null) break;
                    host.frameArrived(frame, now);
                }
                now = System.nanoTime();
                if (host.deadline() <= now) host.onTimer(now);
                if (relays.deadline() <= now) relays.onTimer(now);
                if (udp.deadline() <= now) udp.onTimer(now);
                long next = Math.min(Math.min(host.deadline(), relays.deadline()), udp.deadline());
                if (!inbox.isEmpty()) {
                    selector.selectNow();
                } else if (next == Long.MAX_VALUE) {
                    selector.select();
                } else {
                    // select(0) would wait forever: a deadline already due waits a millisecond at least.
                    selector.select(Math.max(1, (next - System.nanoTime() + 999_999) / 1_000_000));
                }
                now = System.nanoTime();
                for (var key : selector.selectedKeys()) {
                    if (key.isValid() && key.attachment() instanceof ChannelEvents events) events.ready(key, now);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // The selector closed under the loop: close() is ending it.
        } catch (RuntimeException | Error e) {
            // A bug, not bad input (that is counted and dropped): say the network is gone rather than go quiet.
            log.accept("the user network stopped: " + e);
            throw e;
        } finally {
            host.unplug();
            relays.closeAll(System.nanoTime());
            udp.closeAll();
            ended.countDown();
        }
    }

    @Override
    public String describe() { return spec.describe(); }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            if (closed) return;
            closed = true;
            running = loop;
        }
        selector.wakeup();
        if (running != null && running != Thread.currentThread()) {
            boolean interrupted = false;
            while (true) {
                try {
                    ended.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
        for (var l : listeners) l.close();
        try {
            selector.close();
        } catch (IOException e) {
            // Its channels are closed above; nothing is left to release.
        }
    }
}
