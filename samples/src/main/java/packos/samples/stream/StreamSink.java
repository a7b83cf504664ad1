package packos.samples.stream;

import java.util.HashMap;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Pollable;
import packos.lib.net.Poller;
import packos.lib.net.Ready;
import packos.lib.net.TcpListener;
import packos.lib.net.TcpSocket;
import packos.lib.sched.SchedulerControl;

/**
 * Receives streams and checks each byte: listens on a TCP port (first argument, default 5201),
 * and for every connection compares what arrives with {@link StreamPattern} seed 1 from offset 0.
 * At the sender's end of stream it prints {@code from [ADDR]:PORT: N bytes, intact} (or the
 * offset of the first wrong byte) and closes. Serves any number of senders at once, forever; it
 * reports itself initialised once listening. Linux's {@code nc} can be the sender: a test writes
 * the same pattern to a file first.
 */
public final class StreamSink implements Program {
    public static final int DEFAULT_PORT = 5201;
    public static final long SEED = 1;

    /** One sender's progress. */
    private static final class Stream {
        long received;
        long mismatch = -1;
    }

    @Override
    public void main(Process self) {
        int port = Integer.parseInt(self.arg(0, Integer.toString(DEFAULT_PORT)));
        var net = self.net();
        TcpListener listener = net.listen(port);
        self.print("checking streams on [" + self.address() + "]:" + port);
        SchedulerControl.reportInitialised(self);
        var poller = net.poller().add(listener, Pollable.READABLE);
        var streams = new HashMap<TcpSocket, Stream>();
        var pattern = new StreamPattern(SEED);
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            for (Ready r : poller.poll()) {
                if (r.source() == listener) {
                    for (TcpSocket c; (c = listener.tryAccept()) != null; ) {
                        streams.put(c, new Stream());
                        poller.add(c, Pollable.READABLE);
                    }
                    continue;
                }
                var c = (TcpSocket) r.source();
                var s = streams.get(c);
                if (r.failed()) {
                    self.print("from [" + c.remoteAddress() + "]:" + c.remotePort() + ": failed after " + s.received + " bytes: "
                            + c.error().displayName());
                    end(poller, streams, c);
                    continue;
                }
                for (int n; (n = c.tryRead(buffer, 0, buffer.length)) != 0; ) {
                    if (n < 0) {
                        self.print("from [" + c.remoteAddress() + "]:" + c.remotePort() + ": " + s.received + " bytes, "
                                + (s.mismatch < 0 ? "intact" : "first wrong byte at offset " + s.mismatch));
                        end(poller, streams, c);
                        break;
                    }
                    if (s.mismatch < 0) {
                        long at = pattern.firstMismatch(s.received, buffer, 0, n);
                        if (at >= 0) s.mismatch = at;
                    }
                    s.received += n;
                }
            }
        }
    }

    private static void end(Poller poller, HashMap<TcpSocket, Stream> streams, TcpSocket c) {
        poller.remove(c);
        streams.remove(c);
        c.close();
    }
}
