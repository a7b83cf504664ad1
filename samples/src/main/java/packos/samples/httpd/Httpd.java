package packos.samples.httpd;

import java.util.ArrayList;
import java.util.HashMap;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Network;
import packos.lib.net.Pollable;
import packos.lib.net.Poller;
import packos.lib.net.Ready;
import packos.lib.net.TcpListener;
import packos.lib.net.TcpSocket;
import packos.lib.sched.SchedulerControl;

/**
 * The httpd sample's server: HTTP/1.1 (and 1.0) on TCP port 80, serving the image's code tree.
 * One poll loop carries the listener and every connection; nothing in it waits on one client, so
 * a slow or silent client holds up no one. It reports itself initialised once listening, so the
 * processes started after it find it ready. Argument 0 is the port (default 80).
 *
 * <p>Unlike the original (one connection at a time, HTTP/1.0, LF-only headers, no length, and
 * nothing past one segment), every answer has a Content-Length, connections are kept alive and
 * pipelined requests are answered in order.
 */
public final class Httpd implements Program {
    public static final int PORT = 80;
    /** A connection that has neither sent nor taken a byte for this long is closed. */
    static final long IDLE_NANOS = 60_000_000_000L;
    private static final int BACKLOG = 128;

    private final HashMap<TcpSocket, HttpConnection> connections = new HashMap<>();
    private final byte[] scratch = new byte[16 * 1024];

    @Override
    public void main(Process self) {
        int port = Integer.parseInt(self.arg(0, Integer.toString(PORT)));
        Network net = self.net();
        // Answers go out in chunks as large as TCP takes; Nagle would only hold back each answer's tail.
        net.setTcpDefaults(net.tcpDefaults().withNoDelay(true));
        var responder = new Responder(new Docroot(self.files()));
        TcpListener listener = net.listen(port, BACKLOG);
        self.print("serving the code tree on [" + self.address() + "]:" + port);
        SchedulerControl.reportInitialised(self);

        Poller poller = net.poller().add(listener, Pollable.READABLE);
        while (true) {
            var ready = poller.poll(IDLE_NANOS);
            long now = self.now();
            for (Ready r : ready) {
                if (r.source() == listener) {
                    for (TcpSocket s; (s = listener.tryAccept()) != null; ) {
                        var c = new HttpConnection(s, responder, self.files(), self::print, now);
                        connections.put(s, c);
                        poller.add(s, c.interest());
                    }
                    continue;
                }
                var c = connections.get((TcpSocket) r.source());
                if (c == null) continue;
                try {
                    if (r.failed()) {
                        drop(poller, c, true);
                        continue;
                    }
                    if (r.readable()) c.receive(scratch, now);
                    // Send at once rather than wait for the next poll: the answer is likely ready.
                    c.send(now);
                    if (c.done()) {
                        drop(poller, c, false);
                    } else {
                        poller.add(c.socket(), c.interest());
                    }
                } catch (KernelException | IllegalStateException e) {
                    // One connection's trouble (a reset mid-write, a file shorter than announced) ends that connection alone.
                    self.print("connection [" + c.socket().remoteAddress() + "]:" + c.socket().remotePort() + " dropped: " + e.getMessage());
                    drop(poller, c, true);
                }
            }
            closeIdle(poller, now);
        }
    }

    private void closeIdle(Poller poller, long now) {
        var idle = new ArrayList<HttpConnection>();
        for (var c : connections.values()) if (now - c.lastActive() >= IDLE_NANOS) idle.add(c);
        for (var c : idle) drop(poller, c, true);
    }

    private void drop(Poller poller, HttpConnection c, boolean abort) {
        poller.remove(c.socket());
        connections.remove(c.socket());
        if (abort) {
            c.abort();
        } else {
            c.close();
        }
    }
}
