package packos.samples.httpd;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import packos.kernel.Address;
import packos.lib.fs.FileSystem;
import packos.lib.net.Network;
import packos.lib.net.Pollable;
import packos.lib.net.Poller;
import packos.lib.net.Ready;
import packos.lib.net.TcpSocket;

/**
 * Fetches pages over several keep-alive connections at once from one poll loop, each connection
 * taking the next page from a common queue and keeping up to {@link #PIPELINE} requests in flight,
 * and checks every answer against the file it should carry.
 */
final class ParallelFetch {
    static final int PIPELINE = 2;
    private static final long STALL_NANOS = 10_000_000_000L;

    /** What the fetch found: pages checked, body bytes received, and every difference. */
    record Outcome(int pages, long bytes, List<String> problems) {}

    /** One connection and the pages asked for on it, in order. */
    private static final class Lane {
        final TcpSocket socket;
        final ReplyParser parser = new ReplyParser();
        final ArrayDeque<Fetch> inFlight = new ArrayDeque<>();
        final ByteArrayOutputStream unsent = new ByteArrayOutputStream();
        byte[] sending = new byte[0];
        int sent;

        Lane(TcpSocket socket) { this.socket = socket; }

        boolean hasUnsent() { return sent < sending.length || unsent.size() > 0; }
    }

    private final Network net;
    private final FileSystem files;
    private final String host;
    private final Consumer<String> log;
    private final byte[] scratch = new byte[32 * 1024];
    private final List<String> problems = new ArrayList<>();
    private int pages;
    private long bytes;

    ParallelFetch(Network net, FileSystem files, String host, Consumer<String> log) {
        this.net = net;
        this.files = files;
        this.host = host;
        this.log = log;
    }

    Outcome run(Address server, int port, List<Fetch> fetches, int connections) {
        var todo = new ArrayDeque<>(fetches);
        var lanes = new HashMap<TcpSocket, Lane>();
        Poller poller = net.poller();
        for (int i = 0; i < Math.min(connections, fetches.size()); i++) {
            var lane = new Lane(net.connectNoWait(server, port));
            lanes.put(lane.socket, lane);
            poller.add(lane.socket, Pollable.WRITABLE);
        }
        while (!lanes.isEmpty()) {
            var ready = poller.poll(STALL_NANOS);
            if (ready.isEmpty()) throw new IllegalStateException("no progress for " + STALL_NANOS / 1_000_000_000L + " s with " + lanes.size() + " connections open");
            for (Ready r : ready) {
                var lane = lanes.get((TcpSocket) r.source());
                if (r.failed()) throw new IllegalStateException("connection " + lane.socket + " failed: " + lane.socket.error().displayName());
                if (!lane.socket.isConnected()) continue;
                if (r.readable()) receive(lane);
                ask(lane, todo);
                flush(lane);
                if (lane.inFlight.isEmpty() && !lane.hasUnsent()) {
                    poller.remove(lane.socket);
                    lanes.remove(lane.socket);
                    lane.socket.close();
                } else {
                    poller.add(lane.socket, Pollable.READABLE | (lane.hasUnsent() ? Pollable.WRITABLE : 0));
                }
            }
        }
        return new Outcome(pages, bytes, problems);
    }

    private void ask(Lane lane, ArrayDeque<Fetch> todo) {
        while (lane.inFlight.size() < PIPELINE && !todo.isEmpty()) {
            var f = todo.poll();
            lane.inFlight.add(f);
            lane.unsent.writeBytes(f.request(host));
        }
    }

    private void flush(Lane lane) {
        if (lane.sent == lane.sending.length) {
            lane.sending = lane.unsent.toByteArray();
            lane.unsent.reset();
            lane.sent = 0;
        }
        lane.sent += lane.socket.tryWrite(lane.sending, lane.sent, lane.sending.length - lane.sent);
    }

    private void receive(Lane lane) {
        while (true) {
            int n = lane.socket.tryRead(scratch, 0, scratch.length);
            if (n == 0) return;
            if (n < 0) {
                if (!lane.inFlight.isEmpty() || lane.parser.midReply()) {
                    throw new IllegalStateException("the server closed a connection with " + lane.inFlight.size() + " answers owed");
                }
                return;
            }
            lane.parser.feed(scratch, 0, n);
            for (Reply reply; !lane.inFlight.isEmpty() && (reply = lane.parser.next(false)) != null; ) check(lane.inFlight.poll(), reply);
            if (lane.inFlight.isEmpty() && lane.parser.midReply()) throw new IllegalStateException("the server sent bytes that answer no request");
        }
    }

    private void check(Fetch f, Reply reply) {
        pages++;
        bytes += reply.body().length;
        var contents = files.readAll(f.file());
        problems.addAll(PageCheck.differences(f.url(), f.file(), contents, reply));
        if (reply.closes()) problems.add(f.url() + ": the server closed a keep-alive connection");
        if (f.file().endsWith("/primes.txt")) {
            try {
                log.accept("primes.txt lists the first " + PrimeList.verify(reply.body()) + " primes, each one recomputed");
            } catch (IllegalArgumentException e) {
                problems.add(f.url() + ": not the list of primes: " + e.getMessage());
            }
        }
    }
}
