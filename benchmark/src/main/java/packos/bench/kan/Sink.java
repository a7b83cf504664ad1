package packos.bench.kan;

import packos.lib.Process;
import packos.lib.Program;

/**
 * Counts the source's measured datagrams. At the END datagram it prints
 * {@code stream sent=N received=N nanos=NS}: the time from the source's first measured send to
 * the END's arrival, which the KAN delivers after every measured datagram.
 */
public final class Sink implements Program {

    @Override
    public void main(Process self) {
        var sys = self.sys();
        var socket = self.net().udp(Wire.SINK_PORT);
        long measured = 0;
        while (true) {
            var data = socket.receive().data();
            if (data[0] == Wire.MEASURED) {
                measured++;
            } else if (data[0] == Wire.END) {
                long arrived = sys.now();
                long start = Wire.getLong(data, 8);
                long sent = Wire.getLong(data, 16);
                self.print("stream sent=" + sent + " received=" + measured + " nanos=" + (arrived - start));
                return;
            }
        }
    }
}
