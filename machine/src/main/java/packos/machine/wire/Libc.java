package packos.machine.wire;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few Linux C library calls a TAP device needs, linked through the FFM API (no JNI).
 * Every call that can fail captures {@code errno} into a segment the caller owns
 * ({@link #errnoSegment}), because errno is per thread and the JVM may clobber it between
 * the call and any later look.
 *
 * <p>Loaded only when a TAP wire is opened, so parsing wire specs works on any platform.
 */
final class Libc {
    static final int O_RDWR = 0x2;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final short POLLIN = 0x1;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EINVAL = 22;

    // Only method and var handles are kept in statics: every process shares this class, and
    // the static-state audit (host tests) admits no type it cannot prove immutable.
    private static final VarHandle ERRNO = Linker.Option.captureStateLayout().varHandle(PathElement.groupElement("errno"));

    // open(2) and ioctl(2) are variadic in C: the linker must be told where the variadic
    // part starts, or the argument registers can be set up wrongly on some ABIs.
    private static final MethodHandle OPEN = link("open",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(2), saveErrno());
    private static final MethodHandle IOCTL = link("ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
            Linker.Option.firstVariadicArg(2), saveErrno());
    private static final MethodHandle SOCKET = link("socket",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), saveErrno());
    private static final MethodHandle POLL = link("poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), saveErrno());
    private static final MethodHandle READ = link("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), saveErrno());
    private static final MethodHandle WRITE = link("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), saveErrno());
    private static final MethodHandle CLOSE = link("close",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = link("strerror",
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {}

    // Restricted by design: a wrong descriptor here could crash the JVM. The launcher and the
    // tests grant native access (--enable-native-access=ALL-UNNAMED); these are the only calls.
    @SuppressWarnings("restricted")
    private static MethodHandle link(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        var linker = Linker.nativeLinker();
        var symbol = linker.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("no " + name + " in the C library"));
        return linker.downcallHandle(symbol, descriptor, options);
    }

    private static Linker.Option saveErrno() {
        return Linker.Option.captureCallState("errno");
    }

    /** A segment for one thread's captured errno; pass it to each call and read {@link #errno} after a failure. */
    static MemorySegment errnoSegment(Arena arena) {
        return arena.allocate(Linker.Option.captureStateLayout());
    }

    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    static int open(MemorySegment capture, MemorySegment path, int flags) {
        try {
            return (int) OPEN.invokeExact(capture, path, flags, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int ioctl(MemorySegment capture, int fd, long request, MemorySegment argument) {
        try {
            return (int) IOCTL.invokeExact(capture, fd, request, argument);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int socket(MemorySegment capture, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(capture, domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int poll(MemorySegment capture, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(capture, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long read(MemorySegment capture, int fd, MemorySegment buffer, long count) {
        try {
            return (long) READ.invokeExact(capture, fd, buffer, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static long write(MemorySegment capture, int fd, MemorySegment buffer, long count) {
        try {
            return (long) WRITE.invokeExact(capture, fd, buffer, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The C library's text for an errno value, e.g. "Permission denied". */
    @SuppressWarnings("restricted")  // strerror returns a NUL-terminated string of unknown length
    static String strerror(int errno) {
        try {
            var text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // A downcall throws only what the Java side throws (a closed arena, a wrong segment):
    // unchecked exceptions and errors pass through unchanged.
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) return e;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
