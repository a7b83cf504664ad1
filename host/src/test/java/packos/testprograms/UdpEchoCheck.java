package packos.testprograms;

import java.util.Arrays;
import java.util.SplittableRandom;
import packos.kernel.Address;
import packos.lib.Process;
import packos.lib.Program;

/**
 * Work with no timer in it: sends COUNT datagrams of random bytes (1..1200) to SERVER:PORT one at
 * a time and checks each echo byte for byte. Prints "echo: N datagrams byte-exact, finished at T ms"
 * or the first that differs. Arguments: SERVER PORT COUNT.
 */
public final class UdpEchoCheck implements Program {
    @Override
    public void main(Process self) {
        var server = Address.parse(self.arg(0, "fd00:7e8e::3"));
        int port = Integer.parseInt(self.arg(1, "7"));
        int count = Integer.parseInt(self.arg(2, "1000"));
        var random = new SplittableRandom(self.sys().random());
        var socket = self.net().udp();
        for (int i = 1; i <= count; i++) {
            var data = new byte[random.nextInt(1, 1201)];
            random.nextBytes(data);
            socket.send(server, port, data);
            var back = socket.receive();
            if (!back.source().equals(server) || !Arrays.equals(back.data(), data)) {
                self.print("echo: datagram " + i + " came back different");
                return;
            }
        }
        self.print("echo: " + count + " datagrams byte-exact, finished at " + self.now() / 1_000_000 + " ms");
    }
}
