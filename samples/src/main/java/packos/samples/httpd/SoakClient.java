package packos.samples.httpd;

import java.util.List;
import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.fs.FileSystem;
import packos.lib.net.UdpSocket;
import packos.lib.timer.TimerReply;
import packos.lib.wire.MalformedPacketException;

/**
 * The web server under a steady load for a long stretch of machine time, to show that nothing
 * wears out: every tick of its timer it opens a connection, asks for a few pages on it (keep-alive)
 * and checks each answer's status and length against the docroot, then closes it. Once an hour
 * of machine time it prints its count; at the end one verdict line. Any wrong answer fails it.
 *
 * <p>Arguments: the server's address (default fd00:7e8e::3), the machine time to run in seconds
 * (default 36,000: ten hours), connections per second of machine time (default 10), requests per
 * connection (default 4).
 */
public final class SoakClient implements Program {
    private static final int TIMER_PORT = 5100;
    private static final long HOUR_NANOS = 3_600_000_000_000L;

    @Override
    public void main(Process self) throws MalformedPacketException {
        Address server = Address.parse(self.arg(0, "fd00:7e8e::3"));
        long seconds = Long.parseLong(self.arg(1, "36000"));
        int perSecond = Integer.parseInt(self.arg(2, "10"));
        int perConnection = Integer.parseInt(self.arg(3, "4"));
        if (seconds < 1 || perSecond < 1 || perSecond > 1000 || perConnection < 1) {
            throw new IllegalArgumentException("seconds, connections per second (1..1000) and requests per connection must be positive");
        }
        var pages = pagesOf(self.files());
        String host = "[" + server + "]";
        var timer = self.net().udp(TIMER_PORT);
        long start = self.now();
        long end = start + seconds * 1_000_000_000L;
        long nextReport = start + HOUR_NANOS;
        self.timers().open(timer, 1, 1_000_000 / perSecond, true);
        long requests = 0, connections = 0, bytes = 0;
        for (int round = 0; self.now() < end; round++) {
            awaitTick(timer);
            try (var c = new Conversation(self.net(), server, Httpd.PORT)) {
                connections++;
                for (int i = 0; i < perConnection; i++) {
                    var page = pages.get((round * perConnection + i) % pages.size());
                    c.send(new String(page.fetch().request(host), java.nio.charset.StandardCharsets.ISO_8859_1));
                    var reply = c.receive(false);
                    if (reply.status() != 200 || reply.body().length != page.length()) {
                        throw new IllegalStateException("after " + requests + " requests, " + page.fetch().url() + " answered " + reply
                                + ", not 200 with " + page.length() + " bytes");
                    }
                    requests++;
                    bytes += reply.body().length;
                }
            }
            if (self.now() >= nextReport) {
                self.print(String.format("soak: %d h of machine time, %d requests on %d connections, all correct",
                        (self.now() - start) / HOUR_NANOS, requests, connections));
                nextReport += HOUR_NANOS;
            }
        }
        self.timers().close(timer, 1);
        timer.close();
        self.print(String.format("soak done: %d s of machine time, %d requests on %d connections, %.1f MB, all correct",
                seconds, requests, connections, bytes / 1e6));
    }

    private static void awaitTick(UdpSocket timer) throws MalformedPacketException {
        var reply = TimerReply.decode(timer.receive().data());
        if (!reply.isTick()) throw new IllegalStateException("timer error " + reply.errorCode().displayName());
    }

    /** A docroot file, the request that fetches it, and its length. */
    private record Page(Fetch fetch, long length) {}

    private static List<Page> pagesOf(FileSystem files) {
        var pages = HttpCheck.fetchesOf(files).stream()
                .filter(f -> !f.file().endsWith("primes.txt"))
                .map(f -> new Page(f, files.size(f.file())))
                .toList();
        if (pages.isEmpty()) throw new IllegalStateException("the image has no docroot to ask for");
        return pages;
    }
}
