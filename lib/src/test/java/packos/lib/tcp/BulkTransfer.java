package packos.lib.tcp;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * An application pair for the simulated network: one side writes {@code total} bytes of a
 * {@link PatternStream} as fast as its send buffer takes them and then shuts its output; the
 * other reads whatever arrives and checks every byte against the same stream.
 */
final class BulkTransfer implements Runnable {
    private final PatternStream stream;
    private final long total;
    private final Supplier<TcpConnection> writer;
    private final Supplier<TcpConnection> reader;
    private final Supplier<Long> clock;
    private final byte[] out = new byte[64 * 1024];
    private final byte[] in = new byte[64 * 1024];
    private final byte[] expected = new byte[64 * 1024];
    long written;
    long read;
    boolean shutDown;
    boolean endOfStream;
    /** When false the reader does not read (a stalled application). */
    boolean reading = true;

    BulkTransfer(long seed, long total, Supplier<TcpConnection> writer, Supplier<TcpConnection> reader, Supplier<Long> clock) {
        this.stream = new PatternStream(seed);
        this.total = total;
        this.writer = writer;
        this.reader = reader;
        this.clock = clock;
    }

    static BulkTransfer clientToServer(SimulatedNetwork net, long seed, long total) {
        return new BulkTransfer(seed, total, net.client::c, net.server::c, () -> net.now);
    }

    @Override
    public void run() {
        long now = clock.get();
        var w = writer.get();
        if (w != null && !shutDown && w.state().mayWrite()) {
            while (written < total && w.writable() > 0) {
                int n = (int) Math.min(out.length, Math.min(total - written, w.writable()));
                stream.fill(written, out, 0, n);
                int took = w.write(out, 0, n, now);
                written += took;
                if (took < n) break;
            }
            if (written == total) {
                w.shutdownOutput(now);
                shutDown = true;
            }
        }
        var r = reader.get();
        if (r != null && reading && !endOfStream) {
            for (;;) {
                int n = r.read(in, 0, in.length, now);
                if (n < 0) {
                    endOfStream = true;
                    break;
                }
                if (n == 0) break;
                stream.fill(read, expected, 0, n);
                int at = Arrays.mismatch(in, 0, n, expected, 0, n);
                if (at >= 0) throw new AssertionError("byte " + (read + at) + " differs: got " + in[at] + ", expected " + expected[at]);
                read += n;
            }
        }
    }

    boolean complete() { return endOfStream && read == total; }
}
