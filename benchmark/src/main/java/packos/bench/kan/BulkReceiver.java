package packos.bench.kan;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Accepts one connection on {@link Wire#TCP_PORT}, reads it to the end and counts. The measured
 * window opens a warm-up after the first bytes arrive and lasts a given time; at the end of the
 * stream it prints {@code tcp-bulk bytes=N nanos=NS total=N}: the bytes read inside the window,
 * the window's length on the machine clock, and everything read.
 *
 * <p>Arguments: warm-up nanoseconds, window nanoseconds, bytes per read, TCP buffer bytes
 * (0: the library's default).
 */
public final class BulkReceiver implements Program {

    @Override
    public void main(Process self) {
        long warmup = Long.parseLong(self.arg(0, "1000000000"));
        long window = Long.parseLong(self.arg(1, "2000000000"));
        int readBytes = Integer.parseInt(self.arg(2, "65536"));
        TcpBuffers.apply(self, Integer.parseInt(self.arg(3, "0")));
        var sys = self.sys();
        var buffer = new byte[readBytes];
        try (var listener = self.net().listen(Wire.TCP_PORT); var socket = listener.accept()) {
            long received = 0;
            long firstArrival = -1;
            long windowStart = -1;
            long bytesAtStart = 0;
            long windowEnd = -1;
            long bytesAtEnd = 0;
            for (int n; (n = socket.read(buffer, 0, readBytes)) >= 0; ) {
                received += n;
                long now = sys.now();
                if (firstArrival < 0) {
                    firstArrival = now;
                }
                if (windowStart < 0) {
                    if (now - firstArrival >= warmup) {
                        windowStart = now;
                        bytesAtStart = received;
                    }
                } else if (windowEnd < 0 && now - windowStart >= window) {
                    windowEnd = now;
                    bytesAtEnd = received;
                }
            }
            if (windowEnd < 0) {
                throw new IllegalStateException("the stream ended after " + received + " bytes, before the window closed");
            }
            self.print("tcp-bulk bytes=" + (bytesAtEnd - bytesAtStart) + " nanos=" + (windowEnd - windowStart)
                    + " total=" + received);
        }
    }
}
