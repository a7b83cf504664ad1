package packos.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.BiFunction;
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
import packos.lib.sched.SpawnRequest;
import packos.lib.wire.MalformedPacketException;

/**
 * The scheduler's control server on TCP 4000. It never waits: each pass of the scheduler's loop
 * accepts what is pending and answers every whole request that has arrived (a spawn's payload
 * included), however the bytes were split into segments. A client is known by its connection's
 * peer address.
 */
final class ControlServer {
    private static final int MAX_CLIENTS = 256;

    /** How a spawn ended: the new process's address, or why there is none. */
    record Spawned(ErrorCode error, Address address) {
        static Spawned refused(ErrorCode error) { return new Spawned(error, null); }
    }

    private final TcpListener listener;
    /** Answers ReportInited for the process at a peer address: NONE, or why not. */
    private final Function<Address, ErrorCode> reportInited;
    /** Starts what a spawn asks for, for the process at a peer address. */
    private final BiFunction<Address, SpawnRequest, Spawned> spawn;
    private final ArrayList<Client> clients = new ArrayList<>();
    private long badRequests;

    ControlServer(Network net, Function<Address, ErrorCode> reportInited, BiFunction<Address, SpawnRequest, Spawned> spawn) {
        this.listener = net.listen(ControlProtocol.PORT);
        this.reportInited = reportInited;
        this.spawn = spawn;
    }

    long badRequests() { return badRequests; }

    void serve() {
        for (TcpSocket s; clients.size() < MAX_CLIENTS && (s = listener.tryAccept()) != null; ) clients.add(new Client(s));
        clients.removeIf(c -> !c.serve());
    }

    private final class Client {
        private final TcpSocket socket;
        private final byte[] pending = new byte[ControlProtocol.REQUEST_LENGTH + ControlProtocol.MAX_PAYLOAD];
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
                    for (int whole; (whole = wholeRequest()) > 0; ) {
                        if (!answer(whole)) {
                            socket.close();
                            return false;
                        }
                        System.arraycopy(pending, whole, pending, 0, filled - whole);
                        filled -= whole;
                    }
                    if (n == 0) return true;
                }
            } catch (KernelException e) {
                socket.abort();
                return false;
            }
        }

        /**
         * The length of the whole request at the front once it has all arrived, else 0. A request
         * whose fixed part is malformed counts as whole at once: it is answered and the client dropped.
         */
        private int wholeRequest() {
            if (filled < ControlProtocol.REQUEST_LENGTH) return 0;
            try {
                int whole = ControlProtocol.REQUEST_LENGTH + ControlRequest.decode(pending, 0).payloadLength();
                return filled >= whole ? whole : 0;
            } catch (MalformedPacketException e) {
                return ControlProtocol.REQUEST_LENGTH;
            }
        }

        /** Answers the request of {@code length} bytes at the front; false when the client must be dropped. */
        private boolean answer(int length) {
            ControlRequest r;
            try {
                r = ControlRequest.decode(pending, 0);
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
            return switch (r.command()) {
                case ControlProtocol.REPORT_INITED -> {
                    var error = reportInited.apply(socket.remoteAddress());
                    reply(ControlReply.answering(r, error));
                    yield error == ErrorCode.NONE;
                }
                case ControlProtocol.SPAWN -> spawn(r, Arrays.copyOfRange(pending, ControlProtocol.REQUEST_LENGTH, length));
                default -> {
                    badRequests++;
                    reply(ControlReply.answering(r, ErrorCode.BAD_PROTOCOL_CMD));
                    yield false;
                }
            };
        }

        /** A refused spawn is answered and the connection stays open: the asker may try something else. */
        private boolean spawn(ControlRequest r, byte[] payload) {
            SpawnRequest what;
            try {
                what = SpawnRequest.decode(payload);
            } catch (MalformedPacketException e) {
                badRequests++;
                reply(ControlReply.answering(r, ErrorCode.PROTOCOL_ERROR));
                return false;
            }
            var spawned = spawn.apply(socket.remoteAddress(), what);
            reply(ControlReply.answering(r, spawned.error()));
            if (spawned.error() == ErrorCode.NONE) send(spawned.address().toBytes());
            return true;
        }

        private void reply(ControlReply reply) { send(reply.encode()); }

        private void send(byte[] bytes) {
            // A reply (and an address) always fits an open connection's send buffer; a full one is a client not reading.
            if (socket.tryWrite(bytes, 0, bytes.length) != bytes.length) throw new KernelException(ErrorCode.PROTOCOL_ERROR, "control client is not reading its replies");
        }
    }
}
