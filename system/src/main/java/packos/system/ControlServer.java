package packos.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.Function;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.kernel.KernelException;
import packos.lib.net.Network;
import packos.lib.net.TcpListener;
import packos.lib.net.TcpSocket;
import packos.lib.sched.ControlProtocol;
import packos.lib.sched.ControlReply;
import packos.lib.sched.ControlRequest;
import packos.lib.wire.MalformedPacketException;

/**
 * The scheduler's control server on TCP 4000. It never waits: each pass of the scheduler's loop
 * accepts what is pending and answers every whole request that has arrived, however the bytes
 * were split into segments. A client is known by its connection's peer address.
 */
final class ControlServer {
    private static final int MAX_CLIENTS = 256;

    private final TcpListener listener;
    /** Answers ReportInited for the process at a peer address: NONE, or why not. */
    private final Function<Address, ErrorCode> reportInited;
    private final ArrayList<Client> clients = new ArrayList<>();
    private long badRequests;

    ControlServer(Network net, Function<Address, ErrorCode> reportInited) {
        this.listener = net.listen(ControlProtocol.PORT);
        this.reportInited = reportInited;
    }

    long badRequests() { return badRequests; }

    void serve() {
        for (TcpSocket s; clients.size() < MAX_CLIENTS && (s = listener.tryAccept()) != null; ) clients.add(new Client(s));
        clients.removeIf(c -> !c.serve());
    }

    private final class Client {
        private final TcpSocket socket;
        private final byte[] pending = new byte[ControlProtocol.REQUEST_LENGTH * 4];
        private int filled;

        Client(TcpSocket socket) { this.socket = socket; }

        /** False once the client is done with and closed. */
        boolean serve() {
            try {
                while (true) {
                    int n = socket.tryRead(pending, filled, pending.length - filled);
                    if (n < 0) {
                        socket.close();
                        return false;
                    }
                    filled += n;
                    while (filled >= ControlProtocol.REQUEST_LENGTH) {
                        if (!answer()) {
                            socket.close();
                            return false;
                        }
                        System.arraycopy(pending, ControlProtocol.REQUEST_LENGTH, pending, 0, filled - ControlProtocol.REQUEST_LENGTH);
                        filled -= ControlProtocol.REQUEST_LENGTH;
                    }
                    if (n == 0) return true;
                }
            } catch (KernelException e) {
                socket.abort();
                return false;
            }
        }

        /** Answers the request at the front; false when the client must be dropped. */
        private boolean answer() {
            ControlRequest r;
            try {
                r = ControlRequest.decode(Arrays.copyOf(pending, ControlProtocol.REQUEST_LENGTH), 0);
            } catch (MalformedPacketException e) {
                badRequests++;
                reply(new ControlReply(ControlProtocol.VERSION, 0, 0, ErrorCode.PROTOCOL_ERROR.number()));
                return false;
            }
            if (r.version() != ControlProtocol.VERSION) {
                badRequests++;
                reply(ControlReply.answering(r, ErrorCode.WRONG_PROTOCOL_VERSION));
                return false;
            }
            if (r.command() != ControlProtocol.REPORT_INITED) {
                badRequests++;
                reply(ControlReply.answering(r, ErrorCode.BAD_PROTOCOL_CMD));
                return false;
            }
            var error = reportInited.apply(socket.remoteAddress());
            reply(ControlReply.answering(r, error));
            return error == ErrorCode.NONE;
        }

        private void reply(ControlReply reply) {
            // Twelve bytes always fit an open connection's send buffer; a full one is a client not reading.
            var bytes = reply.encode();
            if (socket.tryWrite(bytes, 0, bytes.length) != bytes.length) throw new KernelException(ErrorCode.PROTOCOL_ERROR, "control client is not reading its replies");
        }
    }
}
