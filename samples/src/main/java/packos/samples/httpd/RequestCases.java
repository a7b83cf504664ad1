package packos.samples.httpd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import packos.kernel.Address;
import packos.lib.fs.FileSystem;
import packos.lib.net.Network;

/**
 * The requests a server must survive and answer exactly: malformed ones, ones that try to leave
 * the docroot, methods and versions it does not serve, and the edges of keep-alive. Each runs on
 * a connection of its own between two good requests: one before it, and one after it on the same
 * connection if the answer keeps it open, or on a new connection once the server has closed it
 * (which it must, after an answer that says so).
 */
final class RequestCases {
    /**
     * @param toHead whether the request is a HEAD (its answer has no body)
     * @param more   a further check of the answer: a problem, or null
     */
    record Case(String name, String request, boolean toHead, int status, boolean closes, Function<Reply, String> more) {}

    private static final String GOOD_FILE = "/foo.txt";

    private final Network net;
    private final FileSystem files;
    private final Address server;
    private final int port;
    private final String host;

    RequestCases(Network net, FileSystem files, Address server, int port, String host) {
        this.net = net;
        this.files = files;
        this.server = server;
        this.port = port;
        this.host = host;
    }

    List<Case> cases() {
        String h = "Host: " + host + "\r\n";
        long primes = files.size("/primes.txt");
        return List.of(
                new Case("bad request line", "this is not http\r\n\r\n", false, 400, true, null),
                new Case("HTTP/1.1 without Host", "GET /foo.txt HTTP/1.1\r\n\r\n", false, 400, true, null),
                new Case("head over 8 KiB", "GET /foo.txt HTTP/1.1\r\n" + h + "X-Filler: " + "x".repeat(9000) + "\r\n\r\n", false, 431, true, null),
                new Case("dot-dot", "GET /../secret HTTP/1.1\r\n" + h + "\r\n", false, 403, false, null),
                new Case("encoded dot-dot", "GET /%2e%2e/x HTTP/1.1\r\n" + h + "\r\n", false, 403, false, null),
                new Case("dot-dot inside", "GET /more/../../secret HTTP/1.1\r\n" + h + "\r\n", false, 403, false, null),
                new Case("encoded slash", "GET /more%2F..%2F..%2Fsecret HTTP/1.1\r\n" + h + "\r\n", false, 403, false, null),
                new Case("encoded NUL", "GET /foo.txt%00.html HTTP/1.1\r\n" + h + "\r\n", false, 403, false, null),
                new Case("unknown method", "BREW /foo.txt HTTP/1.1\r\n" + h + "\r\n", false, 501, false, null),
                new Case("POST with a body", "POST /foo.txt HTTP/1.1\r\n" + h + "Content-Length: 9\r\n\r\nname=test", false, 405, false,
                        r -> "GET, HEAD".equals(r.header("allow")) ? null : "Allow is " + r.header("allow")),
                new Case("HTTP/2.0", "GET /foo.txt HTTP/2.0\r\n" + h + "\r\n", false, 505, true, null),
                new Case("missing file", "GET /no-such-page.html HTTP/1.1\r\n" + h + "\r\n", false, 404, false, null),
                new Case("HEAD of primes.txt", "HEAD /primes.txt HTTP/1.1\r\n" + h + "\r\n", true, 200, false,
                        r -> Long.toString(primes).equals(r.header("content-length")) && "text/plain".equals(r.header("content-type"))
                                ? null : "Content-Length " + r.header("content-length") + ", Content-Type " + r.header("content-type")),
                new Case("directory without '/'", "GET /more?x=1 HTTP/1.1\r\n" + h + "\r\n", false, 301, false,
                        r -> "/more/".equals(r.header("location")) ? null : "Location is " + r.header("location")),
                new Case("HTTP/1.0", "GET /foo.txt HTTP/1.0\r\n\r\n", false, 200, true, this::isGoodBody),
                new Case("HTTP/1.0 keep-alive", "GET /foo.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", false, 200, false,
                        r -> "keep-alive".equalsIgnoreCase(r.header("connection")) ? isGoodBody(r) : "Connection is " + r.header("connection")),
                new Case("Connection: close", "GET /foo.txt HTTP/1.1\r\n" + h + "Connection: close\r\n\r\n", false, 200, true, this::isGoodBody));
    }

    /** Runs every case; returns the problems found, empty when every answer was right. */
    List<String> run(List<Case> cases) {
        var problems = new ArrayList<String>();
        for (var c : cases) {
            try {
                check(c, problems);
            } catch (RuntimeException e) {
                problems.add(c.name() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    private void check(Case c, List<String> problems) {
        try (var conversation = new Conversation(net, server, port)) {
            goodRequest(conversation, c.name() + ", before", problems);
            conversation.send(c.request());
            var reply = conversation.receive(c.toHead());
            if (reply.status() != c.status()) problems.add(c.name() + ": status " + reply.status() + " " + reply.reason() + ", expected " + c.status());
            if (!Response.SERVER.equals(reply.header("server"))) problems.add(c.name() + ": Server is " + reply.header("server"));
            if (reply.closes() != c.closes()) problems.add(c.name() + ": the answer " + (reply.closes() ? "closes" : "keeps") + " the connection");
            if (c.toHead() && reply.body().length != 0) problems.add(c.name() + ": a HEAD answer with a body");
            String more = c.more() == null ? null : c.more().apply(reply);
            if (more != null) problems.add(c.name() + ": " + more);
            if (c.closes()) {
                if (!conversation.closedByServer()) problems.add(c.name() + ": the server kept the connection open");
            } else {
                goodRequest(conversation, c.name() + ", after on the same connection", problems);
                return;
            }
        }
        try (var fresh = new Conversation(net, server, port)) {
            goodRequest(fresh, c.name() + ", after on a new connection", problems);
        }
    }

    private void goodRequest(Conversation conversation, String when, List<String> problems) {
        conversation.send("GET " + GOOD_FILE + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        var reply = conversation.receive(false);
        for (var p : PageCheck.differences(GOOD_FILE, GOOD_FILE, files.readAll(GOOD_FILE), reply)) problems.add(when + ": " + p);
    }

    private String isGoodBody(Reply r) {
        return Arrays.equals(files.readAll(GOOD_FILE), r.body()) ? null : "the body is not " + GOOD_FILE;
    }
}
