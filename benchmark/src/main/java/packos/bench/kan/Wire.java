package packos.bench.kan;

/** What the benchmark programs agree on: ports, payload size, the stream's phase markers. */
final class Wire {
    static final int ECHO_PORT = 7;
    static final int SINK_PORT = 9;
    static final int PAYLOAD_BYTES = 64;
    /** Where the TCP receivers listen. */
    static final int TCP_PORT = 5001;

    /** First byte of a streamed datagram. */
    static final byte WARMUP = 0;
    static final byte MEASURED = 1;
    /** The last datagram: it carries the measured part's start time and how many were sent. */
    static final byte END = 2;

    private Wire() {
    }

    static void putLong(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (56 - 8 * i));
    }

    static long getLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[off + i] & 0xff);
        return v;
    }
}
