package packos.testprograms;

import java.nio.charset.StandardCharsets;
import packos.kernel.Address;
import packos.kernel.KernelException;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.Datagram;
import packos.lib.net.Pollable;
import packos.lib.net.UdpSocket;
import packos.lib.sched.SchedulerControl;

/**
 * Pings each ADDRESS (the arguments) in turn, once every 200 ms of machine time, until it answers,
 * and prints {@code echo reply from ADDRESS seq N}; then reports itself initialised, so processes
 * {@code after} it start only once the path is up (a link across a wire comes up some time after
 * boot). Gives up on an address after 150 tries (30 s), printing {@code no echo reply from ADDRESS}
 * and failing.
 */
public final class PingUntilAnswered implements Program {
    static final long INTERVAL_NANOS = 200_000_000L;
    static final int TRIES = 150;
    static final int IDENTIFIER = 0x7e57;

    @Override
    public void main(Process self) {
        if (self.args().isEmpty()) throw new IllegalArgumentException("usage: PingUntilAnswered ADDRESS...");
        byte[] payload = "packos ping".getBytes(StandardCharsets.US_ASCII);
        int sequence = 0;
        for (var text : self.args()) {
            var target = Address.parse(text);
            Datagram reply = null;
            for (int attempt = 0; attempt < TRIES && reply == null; attempt++) {
                sequence++;
                try {
                    var replies = self.net().ping(target, IDENTIFIER, sequence, payload);
                    reply = awaitReply(self, replies, target, sequence);
                } catch (KernelException e) {
                    // No route or neighbour yet: the next round tries again.
                    self.net().poller().poll(INTERVAL_NANOS);
                }
            }
            if (reply == null) {
                self.print("no echo reply from " + target);
                throw new IllegalStateException("no echo reply from " + target + " in " + TRIES + " tries");
            }
            self.print("echo reply from " + target + " seq " + reply.destinationPort());
        }
        SchedulerControl.reportInitialised(self);
    }

    /** The reply to this request (source port the identifier, destination port the sequence), or null after one interval. */
    private static Datagram awaitReply(Process self, UdpSocket replies, Address target, int sequence) {
        long deadline = self.now() + INTERVAL_NANOS;
        var poller = self.net().poller().add(replies, Pollable.READABLE);
        for (long left; (left = deadline - self.now()) > 0; ) {
            poller.poll(left);
            for (Datagram d; (d = replies.poll()) != null; ) {
                if (d.source().equals(target) && d.sourcePort() == IDENTIFIER && d.destinationPort() == sequence) return d;
            }
        }
        return null;
    }
}
