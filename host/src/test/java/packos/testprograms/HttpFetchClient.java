package packos.testprograms;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import packos.kernel.Address;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.fs.FileSystem;
import packos.lib.net.Pollable;
import packos.lib.net.TcpSocket;
import packos.samples.httpd.Reply;
import packos.samples.httpd.ReplyParser;

/**
 * Fetches COUNT pages (argument 2, 100) from a web server at ADDRESS, PORT (arguments 0 and 1)
 * over one keep-alive connection, one request at a time, and checks each answer: status 200 and a
 * body byte for byte the file in the image's code tree ({@code process.files()}). The pages are
 * the tree's files of at most MAX_BYTES (argument 3, 16384), each by its path and each directory's
 * index.html by the directory's path too, taken in turn from an offset of VARIANT (argument 4, 0).
 *
 * <p>The server may fail under it: a refused connect, a reset, an end of stream or an answer that
 * makes no progress for 100 ms of machine time abandons the connection and asks again on a new
 * one (a 5 ms pause between tries). An answer that breaks HTTP framing or carries the wrong bytes
 * is no such failure: it ends the client with a line saying so. It prints "connection C answered
 * request K" when a connection gives its first answer, then "client: COUNT pages byte-exact
 * (B body bytes) over C connections, R retries, finished at T ms".
 */
public final class HttpFetchClient implements Program {
    static final long STALL_NANOS = 100_000_000L;
    static final long PAUSE_MICROS = 5_000;

    /** A page to ask for: the URL path and the file whose bytes must come back. */
    record Page(String url, String file) {}

    /** The connection gave up: the server failed under it. */
    private static final class Broken extends Exception {
        Broken(String why) { super(why, null, false, false); }
    }

    @Override
    public void main(Process self) {
        var server = Address.parse(self.arg(0, "fd00:7e8e::3"));
        int port = Integer.parseInt(self.arg(1, "80"));
        int count = Integer.parseInt(self.arg(2, "100"));
        long maxBytes = Long.parseLong(self.arg(3, "16384"));
        int variant = Integer.parseInt(self.arg(4, "0"));
        var files = self.files();
        var pages = new ArrayList<Page>();
        collect(files, "/", maxBytes, pages);
        TcpSocket connection = null;
        ReplyParser parser = null;
        boolean answeredOnThis = false;
        int connections = 0, retries = 0;
        long bodyBytes = 0;
        for (int k = 1; k <= count; k++) {
            var page = pages.get((k + variant) % pages.size());
            byte[] contents = files.readAll(page.file());
            while (true) {
                try {
                    if (connection == null) {
                        connection = self.net().connect(server, port);
                        parser = new ReplyParser();
                        connections++;
                        answeredOnThis = false;
                    }
                    connection.write(("GET " + page.url() + " HTTP/1.1\r\nHost: [" + server + "]\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    var reply = answer(self, connection, parser);
                    if (reply.status() != 200 || !Arrays.equals(contents, reply.body())) {
                        self.print("client: " + page.url() + " came back as " + reply + ", not the " + contents.length + " bytes of " + page.file()
                                + (reply.status() == 200 ? ", first difference at byte " + Arrays.mismatch(contents, reply.body()) : ""));
                        return;
                    }
                    if (!answeredOnThis) self.print("connection " + connections + " answered request " + k);
                    answeredOnThis = true;
                    bodyBytes += contents.length;
                    break;
                } catch (KernelException | Broken e) {
                    retries++;
                    if (connection != null) connection.abort();
                    connection = null;
                    pause(self);
                } catch (ReplyParser.ProtocolViolation e) {
                    self.print("client: " + page.url() + " was answered against HTTP: " + e.getMessage());
                    return;
                }
            }
        }
        if (connection != null) connection.close();
        self.print("client: " + count + " pages byte-exact (" + bodyBytes + " body bytes) over " + connections + " connections, " + retries + " retries, finished at " + self.now() / 1_000_000 + " ms");
    }

    /** Every file of at most {@code maxBytes} under {@code directory}, and each directory's index by the directory's own path. */
    static void collect(FileSystem files, String directory, long maxBytes, List<Page> pages) {
        for (var entry : files.list(directory)) {
            String path = directory + entry.name();
            if (entry.isDirectory()) {
                collect(files, path + "/", maxBytes, pages);
            } else if (entry.size() <= maxBytes) {
                pages.add(new Page(path, path));
                if (entry.name().equals("index.html")) pages.add(new Page(directory, path));
            }
        }
    }

    /** The next whole answer on the connection; Broken if the connection fails or stalls first. */
    private static Reply answer(Process self, TcpSocket connection, ReplyParser parser) throws Broken {
        var poller = self.net().poller().add(connection, Pollable.READABLE);
        byte[] buffer = new byte[16 * 1024];
        long deadline = self.now() + STALL_NANOS;
        while (true) {
            var reply = parser.next(false);
            if (reply != null) return reply;
            if (connection.error() != null) throw new Broken(connection.error().displayName());
            int n = connection.tryRead(buffer, 0, buffer.length);
            if (n < 0) throw new Broken("end of stream");
            if (n > 0) {
                parser.feed(buffer, 0, n);
                deadline = self.now() + STALL_NANOS;
                continue;
            }
            long left = deadline - self.now();
            if (left <= 0 || poller.poll(left).isEmpty()) throw new Broken("no progress in time");
        }
    }

    private static void pause(Process self) {
        try (var timer = self.net().timer(PAUSE_MICROS, false)) {
            timer.await();
        }
    }
}
