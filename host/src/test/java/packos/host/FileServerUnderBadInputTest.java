package packos.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import packos.lib.ninep.NineP;
import packos.lib.ninep.NinePOutput;
import packos.lib.ninep.TRequests;

/**
 * The PackOS file server, from Linux through hostfwd, fed what a broken or hostile client sends:
 * lying size and count fields, unknown types, messages cut short, a size over the msize, a client
 * that vanishes mid-write, 200 tags outstanding at once, fid exhaustion. Each gets an Rlerror or a
 * closed connection, and the server goes on serving the next client (and diodcat, if installed).
 */
@Timeout(300)
class FileServerUnderBadInputTest {
    private int port;

    private Socket connect() throws IOException {
        var s = new Socket(InetAddress.getByName("127.0.0.1"), port);
        s.setSoTimeout(20_000);
        return s;
    }

    /** One reply: type, tag and the rest. */
    private record Reply(int type, int tag, byte[] body) {
        long u32(int at) { return (body[at] & 0xffL) | (body[at + 1] & 0xffL) << 8 | (body[at + 2] & 0xffL) << 16 | (body[at + 3] & 0xffL) << 24; }
    }

    private static Reply read(InputStream in) throws IOException {
        var d = new DataInputStream(in);
        int size = Integer.reverseBytes(d.readInt());
        var rest = new byte[size - 4];
        d.readFully(rest);
        var body = java.util.Arrays.copyOfRange(rest, 3, rest.length);
        return new Reply(rest[0] & 0xff, (rest[1] & 0xff) | (rest[2] & 0xff) << 8, body);
    }

    private static void attach(OutputStream out, InputStream in) throws IOException {
        out.write(TRequests.version(NineP.NOTAG, 8192, NineP.VERSION));
        assertEquals(NineP.RVERSION, read(in).type());
        out.write(TRequests.attach(1, 0, NineP.NOFID, "t", "/", 0));
        assertEquals(NineP.RATTACH, read(in).type());
    }

    private void assertServes() throws IOException {
        try (var s = connect()) {
            attach(s.getOutputStream(), s.getInputStream());
            s.getOutputStream().write(TRequests.walk(2, 0, 1, List.of("code", "foo.txt")));
            assertEquals(NineP.RWALK, read(s.getInputStream()).type());
        }
    }

    private static boolean closedByServer(Socket s) {
        try {
            return s.getInputStream().read() == -1;
        } catch (IOException e) {
            return true;  // reset
        }
    }

    @Test
    void everyBadMessageGetsAnErrorOrAClosedConnectionAndTheNextClientIsServed() throws Exception {
        port = Diod.freePort();
        var log = new ArrayList<String>();
        var failure = new AtomicReference<Throwable>();
        var client = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; ; i++) {
                    try {
                        assertServes();
                        break;
                    } catch (IOException notYet) {
                        if (i > 900) throw notYet;
                        Thread.sleep(100);
                    }
                }
                try (var s = connect()) {
                    var out = s.getOutputStream();
                    var in = s.getInputStream();
                    attach(out, in);
                    // A Twrite whose count field lies, an unknown type, a walk of 17 names: each an Rlerror, the connection goes on.
                    var write = TRequests.write(5, 0, 0, new byte[10], 0, 10);
                    write[19] = 99;
                    out.write(write);
                    var r = read(in);
                    assertEquals(NineP.RLERROR, r.type());
                    assertEquals(5, r.tag());
                    assertEquals(NineP.EPROTO, r.u32(0));
                    out.write(new NinePOutput(250, 6, 16).u32(1).finish());
                    r = read(in);
                    assertEquals(List.of(NineP.RLERROR, 6, (long) NineP.EOPNOTSUPP), List.of(r.type(), r.tag(), r.u32(0)));
                    out.write(TRequests.walk(7, 0, 1, java.util.Collections.nCopies(17, "a")));
                    assertEquals(NineP.EPROTO, read(in).u32(0));
                    // 200 requests outstanding, each with its own tag: 200 answers, tags intact.
                    var burst = new java.io.ByteArrayOutputStream();
                    for (int tag = 100; tag < 300; tag++) burst.write(TRequests.getattr(tag, 0));
                    out.write(burst.toByteArray());
                    for (int tag = 100; tag < 300; tag++) {
                        r = read(in);
                        assertEquals(NineP.RGETATTR, r.type());
                        assertEquals(tag, r.tag());
                    }
                    // Fid exhaustion: EMFILE past the limit, and the connection still answers.
                    long err = 0;
                    for (int fid = 1; fid < 5000 && err == 0; fid++) {
                        out.write(TRequests.walk(8, 0, fid, List.of()));
                        r = read(in);
                        if (r.type() == NineP.RLERROR) err = r.u32(0);
                    }
                    assertEquals(NineP.EMFILE, err);
                    out.write(TRequests.clunk(9, 1));
                    assertEquals(NineP.RCLUNK, read(in).type());
                    log.add("errors answered");
                }
                // A size field over the msize: the connection is closed, nothing after it can be framed.
                try (var s = connect()) {
                    attach(s.getOutputStream(), s.getInputStream());
                    s.getOutputStream().write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 118, 1, 0});
                    assertTrue(closedByServer(s));
                    log.add("oversized closed");
                }
                // A size field below the header.
                try (var s = connect()) {
                    s.getOutputStream().write(new byte[] {3, 0, 0, 0, 100, 0, 0});
                    assertTrue(closedByServer(s));
                    log.add("undersized closed");
                }
                // A client that vanishes in the middle of a write, and one in the middle of a header.
                try (var s = connect()) {
                    attach(s.getOutputStream(), s.getInputStream());
                    s.getOutputStream().write(TRequests.walk(2, 0, 1, List.of("data")));
                    read(s.getInputStream());
                    s.getOutputStream().write(TRequests.lcreate(3, 1, "half", NineP.O_WRONLY, 0644, 0));
                    read(s.getInputStream());
                    var big = TRequests.write(4, 1, 0, new byte[4000], 0, 4000);
                    s.getOutputStream().write(big, 0, 2000);
                }
                try (var s = connect()) {
                    s.getOutputStream().write(new byte[] {19, 0});
                }
                assertServes();
                log.add("still serving");
                if (Diod.tool("diodcat").isPresent()) {
                    var cat = Diod.run("diodcat", "-s", "127.0.0.1:" + port, "-a", "/", "code/foo.txt");
                    assertEquals("foo bar baz\n", cat.out());
                    log.add("diodcat served");
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        var run = PackosCommand.run("run", "fileserver", "--timeout", "75", "--wire", "user,hostfwd=tcp:127.0.0.1:" + port + "-fs:564");
        client.join();
        if (failure.get() != null) throw new AssertionError(failure.get() + "\n" + run.transcript(), failure.get());
        assertTrue(log.containsAll(List.of("errors answered", "oversized closed", "undersized closed", "still serving")), () -> log + "\n" + run.transcript());
        assertTrue(run.outLines().stream().noneMatch(l -> l.contains("process fs faulted")), run::transcript);
    }
}
