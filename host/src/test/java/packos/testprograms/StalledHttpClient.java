package packos.testprograms;

import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Pollable;

/**
 * The clients a server must not wait for: one connection asks for the biggest page three times
 * over and never reads a byte, another sends half a request head and nothing more. Then it waits
 * for ever (run it as a daemon). Argument 0 is the server's address.
 */
public final class StalledHttpClient implements Program {
    @Override
    public void main(Process self) {
        var server = Address.parse(self.arg(0, "fd00:7e8e::3"));
        var net = self.net();
        var silentReader = net.connect(server, 80);
        String get = "GET /primes.txt HTTP/1.1\r\nHost: stalled\r\n\r\n";
        silentReader.write(get + get + get);
        var halfHead = net.connect(server, 80);
        halfHead.write("GET /index.html HTTP/1.1\r\nHost: sta");
        self.print("stalled: asked for 3 x primes.txt without reading, and sent half a head");
        // Wait on something that never comes; the sockets stay open and unread.
        var poller = net.poller().add(net.udp(7777), Pollable.READABLE);
        while (true) poller.poll();
    }
}
