package packos.samples.tcp;

import java.nio.charset.StandardCharsets;
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
 * The tcp sample's server: listens on port 5100, greets each client, prints every line it
 * receives and acknowledges it with the line's length. Several clients are served at once from
 * one poll loop. It reports itself initialised once listening, so its clients start after that.
 */
public final class GreetingServer implements Program {
    public static final int PORT = 5100;

    @Override
    public void main(Process self) {
        var net = self.net();
        TcpListener listener = net.listen(PORT);
        self.print("listening on [" + self.address() + "]:" + PORT);
        SchedulerControl.reportInitialised(self);
        Poller poller = net.poller().add(listener, Pollable.READABLE);
        var lines = new HashMap<TcpSocket, LineReader>();
        byte[] buffer = new byte[16 * 1024];
        while (true) {
            for (Ready r : poller.poll()) {
                if (r.source() == listener) {
                    for (TcpSocket c; (c = listener.tryAccept()) != null; ) {
                        self.print("connection from [" + c.remoteAddress() + "]:" + c.remotePort());
                        c.write("hello [" + c.remoteAddress() + "]:" + c.remotePort() + ", this is PackOS\n");
                        lines.put(c, new LineReader());
                        poller.add(c, Pollable.READABLE);
                    }
                    continue;
                }
                var c = (TcpSocket) r.source();
                if (r.failed()) {
                    self.print("client [" + c.remoteAddress() + "]:" + c.remotePort() + " failed: " + c.error().displayName());
                    drop(poller, lines, c);
                    continue;
                }
                int n = c.tryRead(buffer, 0, buffer.length);
                if (n < 0) {
                    self.print("client [" + c.remoteAddress() + "]:" + c.remotePort() + " closed");
                    drop(poller, lines, c);
                    continue;
                }
                for (String line : lines.get(c).add(buffer, n)) {
                    self.print("received " + (line.length() > 60 ? line.substring(0, 60) + "... (" + line.length() + " characters)" : "'" + line + "'"));
                    c.write("ack " + line.getBytes(StandardCharsets.UTF_8).length + "\n");
                }
            }
        }
    }

    private static void drop(Poller poller, HashMap<TcpSocket, LineReader> lines, TcpSocket c) {
        poller.remove(c);
        lines.remove(c);
        c.close();
    }
}
