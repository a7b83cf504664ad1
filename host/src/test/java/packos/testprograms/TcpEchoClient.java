package packos.testprograms;

import java.util.Arrays;
import packos.kernel.Address;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Network;
import packos.lib.net.Pollable;
import packos.lib.net.TcpSocket;

/**
 * Sends COUNT messages (argument 2, 100) to a TCP echo service at ADDRESS, PORT (arguments 0 and
 * 1), one at a time over one connection, and checks each echo byte for byte. The service may
 * fail under it: a refused connect, a reset, an end of stream or an echo that does not come
 * within 100 ms of machine time abandons the connection and sends the message again on a new one
 * (a 5 ms pause between tries). Messages are 1 to 3000 bytes, a pattern of the message number
 * and VARIANT (argument 3, 0), so two clients send different bytes.
 *
 * <p>It prints "connection C echoed message K" when a connection gives its first echo, then
 * "client: COUNT messages echoed byte-exact over C connections, R retries" (or what went wrong).
 */
public final class TcpEchoClient implements Program {
    static final long ECHO_TIMEOUT_NANOS = 100_000_000L;
    static final long PAUSE_MICROS = 5_000;

    /** The connection gave up: the service failed under it. */
    private static final class Broken extends Exception {
        Broken(String why) { super(why, null, false, false); }
    }

    @Override
    public void main(Process self) {
        var service = Address.parse(self.arg(0, "fd00:7e8e::3"));
        int port = Integer.parseInt(self.arg(1, "7"));
        int count = Integer.parseInt(self.arg(2, "100"));
        int variant = Integer.parseInt(self.arg(3, "0"));
        var net = self.net();
        TcpSocket connection = null;
        boolean echoedOnThis = false;
        int connections = 0, retries = 0;
        for (int k = 1; k <= count; k++) {
            byte[] message = message(k, variant);
            while (true) {
                try {
                    if (connection == null) {
                        connection = net.connect(service, port);
                        connections++;
                        echoedOnThis = false;
                    }
                    connection.write(message);
                    byte[] echo = echo(self, connection, message.length);
                    if (!Arrays.equals(message, echo)) {
                        self.print("client: message " + k + " came back different: " + message.length + " bytes sent, first difference at "
                                + Arrays.mismatch(message, echo));
                        return;
                    }
                    if (!echoedOnThis) self.print("connection " + connections + " echoed message " + k);
                    echoedOnThis = true;
                    break;
                } catch (KernelException | Broken e) {
                    retries++;
                    if (connection != null) connection.abort();
                    connection = null;
                    pause(net);
                }
            }
        }
        if (connection != null) connection.close();
        self.print("client: " + count + " messages echoed byte-exact over " + connections + " connections, " + retries + " retries, finished at " + self.now() / 1_000_000 + " ms");
    }

    /** Message K: 1 to 3000 bytes, so some take several segments. */
    static byte[] message(int k, int variant) {
        byte[] m = new byte[1 + (k * 7919 + variant * 104_729) % 3000];
        for (int i = 0; i < m.length; i++) m[i] = (byte) (k * 31 + i * 7 + variant * 13);
        return m;
    }

    private static byte[] echo(Process self, TcpSocket connection, int length) throws Broken {
        byte[] echo = new byte[length];
        var poller = self.net().poller().add(connection, Pollable.READABLE);
        long deadline = self.now() + ECHO_TIMEOUT_NANOS;
        int got = 0;
        while (got < length) {
            if (connection.error() != null) throw new Broken(connection.error().displayName());
            int n = connection.tryRead(echo, got, length - got);
            if (n < 0) throw new Broken("end of stream");
            got += n;
            if (got == length) break;
            long left = deadline - self.now();
            if (left <= 0 || (n == 0 && poller.poll(left).isEmpty())) throw new Broken("no echo in time");
        }
        return echo;
    }

    private static void pause(Network net) {
        try (var timer = net.timer(PAUSE_MICROS, false)) {
            timer.await();
        }
    }
}
