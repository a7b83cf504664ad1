package packos.system.pci;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.net.Network;
import packos.lib.net.Pollable;
import packos.lib.net.Poller;
import packos.lib.net.TcpListener;
import packos.lib.net.TcpSocket;
import packos.lib.pci.PciFilter;
import packos.lib.pci.PciProtocol;
import packos.lib.pci.PciReply;
import packos.lib.pci.PciRequest;
import packos.lib.wire.MalformedPacketException;

/**
 * Serves the PCI protocol to many clients at once: one {@link Poller} over the listener and every
 * connection; each connection's bytes are gathered into whole requests however TCP split them.
 * A bad request gets an error reply and the connection goes on (requests have a fixed size, so
 * the stream stays in step); a request cut short by the end of the stream gets PROTOCOL_ERROR and
 * the connection closes. A client that does not read its replies stops being read from once
 * {@link #MAX_QUEUED_REPLIES} are waiting, so it cannot make the service hold unbounded memory.
 */
final class PciServer {
    static final int MAX_CLIENTS = 64, MAX_QUEUED_REPLIES = 16;

    private final TcpListener listener;
    private final DeviceTable table;
    private final Poller poller;
    private final ArrayList<Client> clients = new ArrayList<>();
    private long badRequests, answered;

    PciServer(Network net, TcpListener listener, DeviceTable table) {
        this.listener = listener;
        this.table = table;
        this.poller = net.poller().add(listener, Pollable.READABLE);
    }

    long badRequests() { return badRequests; }

    long answered() { return answered; }

    /** Serves for ever. */
    void run() {
        while (true) {
            poller.poll();
            serveOnce();
        }
    }

    void serveOnce() {
        for (TcpSocket s; clients.size() < MAX_CLIENTS && (s = listener.tryAccept()) != null; ) clients.add(new Client(s));
        clients.removeIf(c -> {
            boolean keep = c.serve();
            if (keep) poller.add(c.socket, c.interest());
            else poller.remove(c.socket);
            return !keep;
        });
        // Full: stop waiting for connections until one ends, or a pending one would wake us for ever.
        if (clients.size() < MAX_CLIENTS) poller.add(listener, Pollable.READABLE);
        else poller.remove(listener);
    }

    private final class Client {
        final TcpSocket socket;
        final byte[] request = new byte[PciProtocol.REQUEST_LENGTH];
        int filled;
        PciFilter filter = PciFilter.EVERYTHING;
        final ArrayDeque<byte[]> out = new ArrayDeque<>();
        int outSent;
        boolean ending;

        Client(TcpSocket socket) { this.socket = socket; }

        /** What to wait for: more requests while there is room for their replies, and room to send while replies wait. */
        int interest() {
            return (!ending && out.size() < MAX_QUEUED_REPLIES ? Pollable.READABLE : 0) | (out.isEmpty() ? 0 : Pollable.WRITABLE);
        }

        /** Reads and answers what has arrived and sends what it can; false once the client is gone. */
        boolean serve() {
            try {
                flush();
                while (!ending && out.size() < MAX_QUEUED_REPLIES) {
                    int n = socket.tryRead(request, filled, request.length - filled);
                    if (n == 0) break;
                    if (n < 0) {
                        if (filled > 0) {
                            // The stream ended inside a request: say so, then close.
                            badRequests++;
                            var part = Arrays.copyOf(request, filled);
                            queue(PciReply.refused(PciRequest.opOf(part), PciRequest.requestIdOf(part), ErrorCode.PROTOCOL_ERROR));
                        }
                        ending = true;
                        break;
                    }
                    filled += n;
                    if (filled == request.length) {
                        queue(answer(request.clone()));
                        filled = 0;
                    }
                }
                flush();
                if (ending && out.isEmpty()) {
                    socket.close();
                    return false;
                }
                return true;
            } catch (KernelException e) {
                // Reset by the peer, or gone: nothing more to say to it.
                socket.abort();
                return false;
            }
        }

        private PciReply answer(byte[] bytes) {
            answered++;
            PciRequest r;
            try {
                r = PciRequest.decode(bytes);
            } catch (MalformedPacketException e) {
                badRequests++;
                return PciReply.refused(PciRequest.opOf(bytes), PciRequest.requestIdOf(bytes), PciRequest.refusal(bytes));
            }
            if (r instanceof PciRequest.SetFilter f) filter = f.filter();
            return table.answer(r, filter, socket.remoteAddress());
        }

        private void queue(PciReply reply) { out.add(reply.encode()); }

        private void flush() {
            while (!out.isEmpty()) {
                byte[] head = out.peek();
                int n = socket.tryWrite(head, outSent, head.length - outSent);
                outSent += n;
                if (outSent < head.length) return;
                out.poll();
                outSent = 0;
            }
        }
    }
}
