package packos.system.files;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Pollable;
import packos.lib.net.Ready;
import packos.lib.net.TcpListener;
import packos.lib.net.TcpSocket;
import packos.lib.ninep.NineP;
import packos.lib.sched.SchedulerControl;

/**
 * A 9P2000.L file server: serves this process's namespace on TCP port 564 (argument 0) to every
 * client at once, from one poll loop. What it exports is what its boot config line mounts, such as
 * the image's code tree read-only at {@code code/} and a writable tree at {@code data/}: a host
 * directory the host reads and writes for it ({@code mount=/data=dir:DIR}, confined beneath DIR)
 * or memory ({@code mount=/data=memory}). So the server never touches host files itself, and the
 * verifier's rule holds: the capability is in the boot config, the I/O in the host.
 *
 * <p>At most {@link #MAX_CONNECTIONS} clients; a connection idle for {@link #IDLE_NANOS} is closed
 * (a client that vanished mid-write leaves nothing held). One client's trouble (a reset, a framing
 * it broke) ends that connection alone.
 */
public final class FileServer implements Program {
    static final int MAX_CONNECTIONS = 256;
    static final long IDLE_NANOS = 600_000_000_000L;
    static final long POLL_NANOS = 10_000_000_000L;

    private final Map<TcpSocket, NinePConnection> connections = new LinkedHashMap<>();

    @Override
    public void main(Process self) {
        int port = Integer.parseInt(self.arg(0, Integer.toString(NineP.PORT)));
        var net = self.net();
        net.setTcpDefaults(net.tcpDefaults().withNoDelay(true));
        TcpListener listener = net.listen(port, 128);
        var exports = new StringBuilder();
        self.files().mounts().forEach((path, fs) -> exports.append(exports.isEmpty() ? "" : ", ").append(path).append(" (").append(fs.describe()).append(')'));
        self.print("9P2000.L on [" + self.address() + "]:" + port + ", exporting " + exports);
        SchedulerControl.reportInitialised(self);
        var poller = net.poller().add(listener, Pollable.READABLE);
        while (true) {
            var ready = poller.poll(POLL_NANOS);
            long now = self.now();
            for (Ready r : ready) {
                if (r.source() == listener) {
                    for (TcpSocket s; (s = listener.tryAccept()) != null; ) {
                        if (connections.size() >= MAX_CONNECTIONS) {
                            s.abort();
                            continue;
                        }
                        var c = new NinePConnection(s, self.files(), now);
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
                    if (r.readable()) c.receive(now);
                    c.send(now);
                    if (c.done()) drop(poller, c, false);
                    else poller.add(c.socket(), c.interest());
                } catch (KernelException | IllegalStateException e) {
                    drop(poller, c, true);
                }
            }
            var idle = new ArrayList<NinePConnection>();
            for (var c : connections.values()) if (now - c.lastActive() >= IDLE_NANOS) idle.add(c);
            for (var c : idle) drop(poller, c, true);
        }
    }

    private void drop(packos.lib.net.Poller poller, NinePConnection c, boolean abort) {
        poller.remove(c.socket());
        connections.remove(c.socket());
        c.close(abort);
    }
}
