package packos.bench.kan;

import packos.lib.Process;
import packos.lib.Program;
import packos.samples.stream.StreamPattern;

/**
 * Accepts one connection on {@link Wire#TCP_PORT} and checks every byte that arrives against the
 * {@link StreamPattern}. At the end of the stream, if exactly the expected bytes came, it prints
 * {@code tcp-transfer bytes=N finished=NS}: the machine time at which the last byte was read.
 * A wrong byte, or a stream too short or too long, ends the process with an error instead.
 *
 * <p>Arguments: bytes expected, pattern seed, bytes per read, TCP buffer bytes (0: the library's
 * default).
 */
public final class PatternReceiver implements Program {

    @Override
    public void main(Process self) {
        long expected = Long.parseLong(self.arg(0, "100000000"));
        var pattern = new StreamPattern(Long.parseLong(self.arg(1, "1")));
        int readBytes = Integer.parseInt(self.arg(2, "65536"));
        TcpBuffers.apply(self, Integer.parseInt(self.arg(3, "0")));
        var buffer = new byte[readBytes];
        try (var listener = self.net().listen(Wire.TCP_PORT); var socket = listener.accept()) {
            long received = 0;
            long finished = -1;
            for (int n; (n = socket.read(buffer, 0, readBytes)) >= 0; ) {
                long wrong = pattern.firstMismatch(received, buffer, 0, n);
                if (wrong >= 0) {
                    throw new IllegalStateException("byte " + wrong + " of the stream differs from the pattern");
                }
                received += n;
                if (received > expected) {
                    throw new IllegalStateException("the stream is longer than " + expected + " bytes");
                }
                if (received == expected) {
                    finished = self.sys().now();
                }
            }
            if (received != expected) {
                throw new IllegalStateException("the stream ended after " + received + " of " + expected + " bytes");
            }
            self.print("tcp-transfer bytes=" + received + " finished=" + finished);
        }
    }
}
