package packos.host.outside;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports the kernel just handed out and took back: free for a child JVM to bind a moment later. */
final class FreePorts {
    private FreePorts() {}

    /** A TCP port free on every address (a forward that listens on all of them needs it free on each). */
    static int tcp() {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UDP port free on {@code ::1}. */
    static int udp() {
        try (var s = new DatagramSocket(new InetSocketAddress(InetAddress.ofLiteral("::1"), 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
