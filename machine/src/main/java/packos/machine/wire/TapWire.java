package packos.machine.wire;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Linux TAP device as the wire: whole Ethernet frames cross {@code /dev/net/tun} with no
 * packet-information header (IFF_NO_PI), through the FFM API.
 *
 * <p>Frames are read on a platform daemon thread with poll(2) then read(2): a blocking native
 * read would pin a virtual thread's carrier (FACTS.md), and poll's timeout lets {@link #close}
 * stop the thread without closing the descriptor under a running read. Frames are written
 * with write(2) from the caller's thread; a TAP write hands the frame to Linux's stack and
 * does not wait.
 */
public final class TapWire implements EthernetWire {
    private static final long TUNSETIFF = 0x400454caL;
    private static final long SIOCGIFFLAGS = 0x8913L;
    private static final long SIOCSIFFLAGS = 0x8914L;
    private static final short IFF_UP = 0x1;
    private static final short IFF_TAP = 0x0002;
    private static final short IFF_NO_PI = 0x1000;
    /** struct ifreq: a 16-byte name, then a union whose first member we use is a short of flags. */
    private static final int IFREQ_SIZE = 40;
    private static final int IFREQ_FLAGS = 16;
    /** Short enough that close() returns promptly, long enough that an idle wire costs nothing. */
    private static final int POLL_MILLIS = 100;
    /** Larger than any frame so a frame beyond MAX_FRAME (a bigger MTU set by hand) is seen whole and dropped. */
    private static final int READ_BUFFER = 65_536;

    private final String name;
    private final String advice;
    private final WireCounters counters = new WireCounters();
    /**
     * The buffers' memory, freed by the garbage collector once the wire is unreachable: no
     * explicit free can then pull memory from under a read still running on the reader thread.
     */
    private final Arena arena = Arena.ofAuto();
    private final AtomicBoolean started = new AtomicBoolean();
    private final Object transmitLock = new Object();
    private final MemorySegment transmitBuffer;
    private final MemorySegment transmitErrno;
    private volatile boolean closing;
    private volatile String failure;
    private Thread reader;
    private int fd;  // guarded by transmitLock; -1 once closed

    private TapWire(String name, int fd, String advice) {
        this.name = name;
        this.fd = fd;
        this.advice = advice;
        this.transmitBuffer = arena.allocate(MAX_FRAME);
        this.transmitErrno = Libc.errnoSegment(arena);
    }

    /**
     * Attaches to TAP device {@code name}, creating it if missing (which needs CAP_NET_ADMIN),
     * and brings its link up if this process may. A device created here vanishes when the wire
     * is closed; one made beforehand with {@code ip tuntap add} stays.
     *
     * @throws IOException naming the device, the step that failed and what to do about it
     */
    public static TapWire open(String name) throws IOException {
        Objects.requireNonNull(name);
        // Checked here too, not only by the spec: Linux would refuse a bad name with EINVAL,
        // which reads the same as "exists and is not a TAP device".
        var problem = WireSpecParser.nameProblem(name);
        if (problem != null) throw new IllegalArgumentException(problem);
        try (var call = Arena.ofConfined()) {
            var errno = Libc.errnoSegment(call);
            int fd = Libc.open(errno, call.allocateFrom("/dev/net/tun"), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
            if (fd < 0) {
                int e = Libc.errno(errno);
                throw new IOException("tap:%s: cannot open /dev/net/tun: %s%s".formatted(name, Libc.strerror(e), switch (e) {
                    case Libc.EACCES, Libc.EPERM -> (" (run as root, or create the device with `ip tuntap add %s mode tap user $USER`"
                            + " and let this user read and write /dev/net/tun)").formatted(name);
                    case Libc.ENOENT, Libc.ENXIO, Libc.ENODEV -> " (this kernel has no TUN/TAP driver loaded: `modprobe tun`)";
                    default -> "";
                }));
            }
            var ifreq = call.allocate(IFREQ_SIZE);
            ifreq.setString(0, name);
            ifreq.set(JAVA_SHORT, IFREQ_FLAGS, (short) (IFF_TAP | IFF_NO_PI));
            if (Libc.ioctl(errno, fd, TUNSETIFF, ifreq) < 0) {
                int e = Libc.errno(errno);
                Libc.close(fd);
                throw new IOException("tap:%s: cannot attach to the device: %s%s".formatted(name, Libc.strerror(e), switch (e) {
                    case Libc.EPERM, Libc.EACCES -> " (run as root, or create the device with `ip tuntap add %s mode tap user $USER`)".formatted(name);
                    case Libc.EBUSY -> " (another process holds it; a TAP device serves one reader)";
                    case Libc.EINVAL -> " (an interface of that name exists and is not a TAP device)";
                    default -> "";
                }));
            }
            return new TapWire(name, fd, bringUp(name, call, errno));
        }
    }

    /**
     * Sets IFF_UP through an ordinary socket's interface ioctls, as {@code ip link set up} does.
     * Returns advice for the user when this process may not (a device made for a normal user
     * can be attached to without privilege, but not brought up), or null when the link is up.
     */
    private static String bringUp(String name, Arena call, MemorySegment errno) {
        int socket = Libc.socket(errno, Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        if (socket < 0) {
            return "tap:%s: cannot check the link (%s); bring it up with `ip link set %s up`"
                    .formatted(name, Libc.strerror(Libc.errno(errno)), name);
        }
        try {
            var ifreq = call.allocate(IFREQ_SIZE);
            ifreq.setString(0, name);
            if (Libc.ioctl(errno, socket, SIOCGIFFLAGS, ifreq) < 0) {
                return "tap:%s: cannot read the link's flags (%s); bring it up with `ip link set %s up`"
                        .formatted(name, Libc.strerror(Libc.errno(errno)), name);
            }
            short flags = ifreq.get(JAVA_SHORT, IFREQ_FLAGS);
            if ((flags & IFF_UP) != 0) return null;
            ifreq.set(JAVA_SHORT, IFREQ_FLAGS, (short) (flags | IFF_UP));
            if (Libc.ioctl(errno, socket, SIOCSIFFLAGS, ifreq) < 0) {
                return "tap:%s: the link is down and this process may not bring it up (%s): run `ip link set %s up`"
                        .formatted(name, Libc.strerror(Libc.errno(errno)), name);
            }
            return null;
        } finally {
            Libc.close(socket);
        }
    }

    @Override
    public void start(FrameReceiver receiver) {
        Objects.requireNonNull(receiver);
        if (!started.compareAndSet(false, true)) throw new IllegalStateException(describe() + " already started");
        synchronized (transmitLock) {
            if (fd < 0 || closing) throw new IllegalStateException(describe() + " is closed");
            int readFd = fd;
            reader = Thread.ofPlatform().daemon().name("wire " + describe()).start(() -> readLoop(readFd, receiver));
        }
    }

    private void readLoop(int readFd, FrameReceiver receiver) {
        var buffer = arena.allocate(READ_BUFFER);
        var pollfd = arena.allocate(8);  // struct pollfd { int fd; short events; short revents; }
        var errno = Libc.errnoSegment(arena);
        pollfd.set(JAVA_INT, 0, readFd);
        pollfd.set(JAVA_SHORT, 4, Libc.POLLIN);
        while (!closing) {
            pollfd.set(JAVA_SHORT, 6, (short) 0);
            int ready = Libc.poll(errno, pollfd, 1, POLL_MILLIS);
            if (ready == 0) continue;
            if (ready < 0) {
                if (Libc.errno(errno) == Libc.EINTR) continue;
                stop("poll", errno);
                return;
            }
            long n = Libc.read(errno, readFd, buffer, READ_BUFFER);
            if (n < 0) {
                int e = Libc.errno(errno);
                if (e == Libc.EAGAIN || e == Libc.EINTR) continue;
                // The device was deleted under us (EBADFD) or the like: nothing more will come.
                stop("read", errno);
                return;
            }
            int length = (int) n;
            if (!EthernetWire.isFrameLength(length)) {
                counters.dropIn();
                continue;
            }
            var frame = buffer.asSlice(0, length).toArray(JAVA_BYTE);
            counters.received(length);
            receiver.frameArrived(frame, length);
        }
    }

    private void stop(String call, MemorySegment errno) {
        failure = "tap:%s: %s failed: %s; the wire receives nothing more".formatted(name, call, Libc.strerror(Libc.errno(errno)));
    }

    @Override
    public boolean transmit(byte[] frame, int off, int len) {
        Objects.checkFromIndexSize(off, len, frame.length);
        if (!EthernetWire.isFrameLength(len)) {
            counters.dropOut();
            return false;
        }
        synchronized (transmitLock) {
            if (fd < 0) {
                counters.dropOut();
                return false;
            }
            MemorySegment.copy(frame, off, transmitBuffer, JAVA_BYTE, 0, len);
            // Linux takes a TAP write whole or not at all; with the link down it takes and drops it.
            if (Libc.write(transmitErrno, fd, transmitBuffer, len) != len) {
                counters.dropOut();
                return false;
            }
        }
        counters.sent(len);
        return true;
    }

    @Override
    public String describe() {
        return "tap:" + name;
    }

    /** The interface name. */
    public String name() {
        return name;
    }

    public WireCounters counters() {
        return counters;
    }

    /** What the user must do for frames to flow, when this process could not do it (the link is down). */
    public Optional<String> advice() {
        return Optional.ofNullable(advice);
    }

    /** Why the reader stopped before close, if it did (the device was deleted, say). */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        Thread r;
        synchronized (transmitLock) {  // with start(): a reader starts before this or never
            closing = true;
            r = reader;
        }
        // Wait for the reader before closing the descriptor: a number closed under a running
        // poll/read could be reused by another open and read from by mistake.
        ReaderThread.awaitEnd(r);
        synchronized (transmitLock) {
            if (fd < 0) return;
            Libc.close(fd);
            fd = -1;
        }
    }
}
