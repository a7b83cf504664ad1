package packos.testprograms;

import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Pollable;
import packos.lib.net.Ready;
import packos.lib.net.TcpListener;
import packos.lib.net.TcpSocket;

/**
 * An honest TCP echo service (RFC 862) on a port (argument 0, 7): every byte a client sends comes
 * back to it, many clients served at once from one poll loop. It says once that it is listening
 * and nothing more; it knows nothing of faults.
 */
public final class TcpEchoServer implements Program {
    @Override
    public void main(Process self) {
        int port = Integer.parseInt(self.arg(0, "7"));
        var net = self.net();
        TcpListener listener = net.listen(port);
        self.print("listening on port " + port);
        var poller = net.poller().add(listener, Pollable.READABLE);
        byte[] buffer = new byte[16 * 1024];
        while (true) {
            for (Ready r : poller.poll()) {
                if (r.source() == listener) {
                    for (TcpSocket c; (c = listener.tryAccept()) != null; ) poller.add(c, Pollable.READABLE);
                    continue;
                }
                var c = (TcpSocket) r.source();
                int n = r.failed() ? -1 : c.tryRead(buffer, 0, buffer.length);
                if (n < 0) {
                    // The client is done, or reset the connection.
                    poller.remove(c);
                    c.close();
                } else if (n > 0) {
                    c.write(buffer, 0, n);
                }
            }
        }
    }
}
