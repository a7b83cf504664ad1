package packos.bench.kan;

import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.UdpSocket;

/**
 * Streams 64-byte datagrams to the sink as fast as it can: warm-up ones first, then measured
 * ones, then one END datagram carrying the measured part's start time and count.
 *
 * <p>Arguments: sink address, warm-up nanoseconds, measured nanoseconds, and "yield" or "batch":
 * whether each send hands the CPU straight to the blocked sink (the library's default) or
 * the source keeps it until the sink's queue is full.
 */
public final class Source implements Program {
    /** Reading the clock costs about as much as a send: look at it once per this many sends. */
    private static final int CLOCK_EVERY = 64;

    @Override
    public void main(Process self) {
        var sink = Address.parse(self.arg(0, ""));
        long warmup = Long.parseLong(self.arg(1, "500000000"));
        long duration = Long.parseLong(self.arg(2, "2000000000"));
        boolean batch = self.arg(3, "yield").equals("batch");
        self.net().kan().setYieldToRecipient(!batch);
        var sys = self.sys();
        var socket = self.net().udp();
        var data = new byte[Wire.PAYLOAD_BYTES];

        data[0] = Wire.WARMUP;
        stream(self, socket, sink, data, sys.now() + warmup);
        data[0] = Wire.MEASURED;
        long start = sys.now();
        long sent = stream(self, socket, sink, data, start + duration);

        data[0] = Wire.END;
        Wire.putLong(data, 8, start);
        Wire.putLong(data, 16, sent);
        socket.send(sink, Wire.SINK_PORT, data);
    }

    private static long stream(Process self, UdpSocket socket, Address sink, byte[] data, long until) {
        var sys = self.sys();
        long sent = 0;
        do {
            for (int i = 0; i < CLOCK_EVERY; i++) {
                socket.send(sink, Wire.SINK_PORT, data);
            }
            sent += CLOCK_EVERY;
        } while (sys.now() < until);
        return sent;
    }
}
