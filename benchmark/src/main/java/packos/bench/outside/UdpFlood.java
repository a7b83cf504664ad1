package packos.bench.outside;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Locale;

/**
 * Linux's side of the TAP receive row: sends UDP datagrams to one address as fast as one thread
 * can for a while, then prints how many. Run inside the namespace that holds the TAP device
 * ({@code ip netns exec NS java ... UdpFlood ADDRESS PORT PAYLOAD SECONDS}), so every datagram
 * leaves through the device as one Ethernet frame.
 */
public final class UdpFlood {
    private UdpFlood() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: UdpFlood ADDRESS PORT PAYLOAD_BYTES SECONDS");
            System.exit(2);
        }
        var target = new InetSocketAddress(InetAddress.getByName(args[0]), Integer.parseInt(args[1]));
        int payload = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        long sent = 0;
        long refused = 0;
        var buffer = ByteBuffer.allocateDirect(payload);
        try (var channel = DatagramChannel.open()) {
            channel.connect(target);
            long end = System.nanoTime() + (long) (seconds * 1e9);
            System.out.println("flooding " + target);
            System.out.flush();
            while (System.nanoTime() < end) {
                // A burst between clock reads: the clock costs as much as a send.
                for (int i = 0; i < 64; i++) {
                    buffer.clear();
                    try {
                        channel.write(buffer);
                        sent++;
                    } catch (IOException e) {
                        // ENOBUFS when the device's queue is full: the frame was not sent; go on.
                        refused++;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "sent %d datagrams of %d bytes in %.1f s (%d refused)%n", sent, payload, seconds, refused);
    }
}
