package packos.samples.httpd;

import java.util.function.Consumer;
import packos.kernel.KernelException;
import packos.lib.fs.FileSystem;
import packos.lib.fs.OpenFile;
import packos.lib.net.Pollable;
import packos.lib.net.TcpSocket;

/**
 * One client's conversation: bytes in, requests parsed, answers queued in request order, bytes
 * out as TCP takes them. It never waits, so the poll loop can run many of these side by side.
 * It stops reading while too many answers wait to be sent (a client that pipelines but does not
 * read gets nothing more parsed), and takes no request after an answer that closes.
 */
final class HttpConnection {
    /** Pieces (heads, bodies) that may wait in the outbox before reading pauses. */
    static final int MAX_BACKLOG = 16;

    private final TcpSocket socket;
    private final Responder responder;
    private final FileSystem files;
    private final Consumer<String> log;
    private final RequestParser parser = new RequestParser();
    private final Outbox outbox = new Outbox();
    /** An answer closes the connection: no request after it is read. */
    private boolean lastAnswered;
    /** The client has finished sending (FIN). */
    private boolean peerDone;
    /** The parser has no complete request left in what it was given. */
    private boolean starved;
    /** Our side is shut down; the client's leftovers are read and dropped until it closes too. */
    private boolean lingering;
    private boolean done;
    private long lastActive;
    private long bytesSent;

    HttpConnection(TcpSocket socket, Responder responder, FileSystem files, Consumer<String> log, long now) {
        this.socket = socket;
        this.responder = responder;
        this.files = files;
        this.log = log;
        this.lastActive = now;
    }

    TcpSocket socket() { return socket; }

    long lastActive() { return lastActive; }

    long bytesSent() { return bytesSent; }

    /** Reads what has arrived and answers every request that is complete, as far as the backlog allows. */
    void receive(byte[] scratch, long now) {
        while (lingering || (!peerDone && !lastAnswered && outbox.backlog() < MAX_BACKLOG)) {
            int n = socket.tryRead(scratch, 0, scratch.length);
            if (n == 0) break;
            lastActive = now;
            if (n < 0) {
                // The client sends no more; what it already asked for is still answered.
                peerDone = true;
                break;
            }
            if (lingering) continue;
            parser.feed(scratch, 0, n);
            starved = false;
            answerComplete();
        }
        answerComplete();
        settle();
    }

    /** Hands TCP what it takes of the queued answers. */
    void send(long now) {
        long n = outbox.sendTo(socket);
        if (n > 0) {
            lastActive = now;
            bytesSent += n;
        }
        // Room in the backlog again: requests already received may now be answered.
        answerComplete();
        settle();
    }

    /** What the poll should wait for: requests while we take them, room to send while answers wait. */
    int interest() {
        if (lingering) return Pollable.READABLE;
        int ops = 0;
        if (!peerDone && !lastAnswered && outbox.backlog() < MAX_BACKLOG) ops |= Pollable.READABLE;
        if (!outbox.isEmpty()) ops |= Pollable.WRITABLE;
        return ops;
    }

    /** Nothing more will be sent or read: the socket may close. */
    boolean done() { return done; }

    /** Orderly close: TCP still delivers what was handed to it, then sends FIN. */
    void close() {
        outbox.discard();
        socket.close();
    }

    /** The client is gone (reset, timed out): drop everything. */
    void abort() {
        outbox.discard();
        socket.abort();
    }

    /**
     * Once every answer owed is with TCP: if the client has closed, we are done; if our last answer
     * closes the connection, shut down our side and read the client's leftovers until it closes,
     * since closing a socket with unread data resets it and could destroy the answer in flight.
     */
    private void settle() {
        if (done || !outbox.isEmpty()) return;
        if (lingering) {
            done = peerDone;
        } else if (peerDone && (starved || lastAnswered)) {
            done = true;
        } else if (lastAnswered) {
            socket.shutdownOutput();
            lingering = true;
        }
    }

    private void answerComplete() {
        while (!lastAnswered && outbox.backlog() < MAX_BACKLOG) {
            switch (parser.next()) {
                case RequestParser.Incomplete i -> {
                    starved = true;
                    return;
                }
                case RequestParser.Parsed(var request) -> queue(request);
                case RequestParser.Rejected rejected -> {
                    var answer = Responder.reject(rejected);
                    log.accept("- - " + answer.status().code() + " " + answer.contentLength() + " (" + rejected.reason() + ")");
                    enqueue(answer, null, false);
                }
            }
        }
    }

    private void queue(Request request) {
        var answer = responder.answer(request);
        OpenFile file = null;
        if (answer.body() instanceof Response.FileBody(var path)) {
            try {
                file = files.open(path);
            } catch (KernelException e) {
                // The docroot is read-only, so this cannot happen unless lookup and open disagree.
                answer = Responder.error(HttpStatus.NOT_FOUND, "There is no such page here.", answer.close());
            }
        }
        log.accept(request.method() + " " + shorten(request.target()) + " " + answer.status().code() + " " + answer.contentLength());
        boolean http10KeepAlive = request.major() == 1 && request.minor() == 0 && !answer.close();
        enqueue(answer, file, http10KeepAlive);
    }

    private void enqueue(Response answer, OpenFile file, boolean http10KeepAlive) {
        outbox.add(answer.head(http10KeepAlive));
        switch (answer.body()) {
            case Response.NoBody n -> {}
            case Response.Bytes(var data) -> outbox.add(data);
            case Response.FileBody f -> outbox.add(file, answer.contentLength());
        }
        if (answer.close()) lastAnswered = true;
    }

    private static String shorten(String target) { return target.length() <= 200 ? target : target.substring(0, 200) + "..."; }
}
