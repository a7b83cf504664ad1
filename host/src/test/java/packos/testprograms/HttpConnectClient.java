package packos.testprograms;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.TcpSocket;
import packos.samples.httpd.Reply;
import packos.samples.httpd.ReplyParser;

/**
 * Fetches COUNT pages (argument 2, 50) from a web server at ADDRESS, PORT (arguments 0 and 1),
 * each on a new connection ("Connection: close"), after a pause of WAIT ms (argument 3, 200) and
 * GAP ms between connections (argument 4, 10), and checks each: status 200 and the body byte for byte the file in the image's code tree. It times
 * each handshake in machine time and ends with "client: COUNT pages byte-exact over COUNT
 * connections, slowest connect T us, finished at M ms", or with a line saying what went wrong.
 */
public final class HttpConnectClient implements Program {
    @Override
    public void main(Process self) {
        var server = Address.parse(self.arg(0, "fd00:7e8e::3"));
        int port = Integer.parseInt(self.arg(1, "80"));
        int count = Integer.parseInt(self.arg(2, "50"));
        long wait = Long.parseLong(self.arg(3, "200"));
        long gap = Long.parseLong(self.arg(4, "10"));
        var files = self.files();
        var pages = new ArrayList<HttpFetchClient.Page>();
        HttpFetchClient.collect(files, "/", 16 * 1024, pages);
        pause(self, wait);

        long slowest = 0;
        byte[] buffer = new byte[16 * 1024];
        for (int k = 0; k < count; k++) {
            if (k > 0) pause(self, gap);
            var page = pages.get(k % pages.size());
            long start = self.now();
            try (TcpSocket c = self.net().connect(server, port)) {
                slowest = Math.max(slowest, self.now() - start);
                c.write(("GET " + page.url() + " HTTP/1.1\r\nHost: [" + server + "]\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                var parser = new ReplyParser();
                Reply reply = null;
                for (int n; reply == null && (n = c.read(buffer, 0, buffer.length)) > 0; ) {
                    parser.feed(buffer, 0, n);
                    reply = parser.next(false);
                }
                byte[] contents = files.readAll(page.file());
                if (reply == null || reply.status() != 200 || !Arrays.equals(contents, reply.body())) {
                    self.print("client: " + page.url() + " came back as " + reply + ", not the " + contents.length + " bytes of " + page.file());
                    return;
                }
            }
        }
        self.print("client: " + count + " pages byte-exact over " + count + " connections, slowest connect " + slowest / 1000
                + " us, finished at " + self.now() / 1_000_000 + " ms");
    }

    private static void pause(Process self, long ms) {
        if (ms <= 0) return;
        try (var timer = self.net().timer(ms * 1000, false)) {
            timer.await();
        }
    }
}
