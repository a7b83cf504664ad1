package packos.lib.net;

import packos.lib.Process;
import packos.lib.Program;

/**
 * A UDP echo server for the tests (port 7, or the first argument): every datagram goes back to
 * where it came from, except {@link #STATS}, answered with this process's {@link NetStats}. Each
 * datagram it receives is reported under "NAME.received". It never ends: boot it as a daemon.
 */
public final class EchoServer implements Program {
    public static final int PORT = 7;
    public static final String STATS = "stats?";

    @Override
    public void main(Process self) {
        var net = self.net();
        var socket = net.udp(Integer.parseInt(self.arg(0, String.valueOf(PORT))));
        while (true) {
            var d = socket.receive();
            NetMachine.report(self.name() + ".received", d);
            if (d.text().equals(STATS)) socket.send(d.source(), d.sourcePort(), net.stats().toString());
            else socket.send(d.source(), d.sourcePort(), d.data());
        }
    }

    /** One counter from a {@link NetStats#toString()} line: "malformed=2 badChecksum=0 ...". */
    public static long stat(String stats, String name) {
        for (String field : stats.split(" ")) {
            int eq = field.indexOf('=');
            if (field.substring(0, eq).equals(name)) return Long.parseLong(field.substring(eq + 1));
        }
        throw new IllegalArgumentException("no counter " + name + " in '" + stats + "'");
    }
}
