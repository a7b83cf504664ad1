package packos.lib.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.net.NetMachine;
import packos.lib.net.UdpSocket;
import packos.machine.nic.MacAddress;

/** Both ends of a driver link in one process, and a stranger's socket beside them: what each end takes, refuses and counts. */
class LinkChannelTest {
    static final MacAddress MAC = MacAddress.parse("52:54:00:12:34:56");

    public static final class BothEnds implements Program {
        @Override
        public void main(Process self) {
            var net = self.net();
            var driver = LinkChannel.driver(net.udp(LinkMessage.DRIVER_PORT));
            var user = LinkChannel.user(net.udp(), self.address(), self::yield);
            UdpSocket stranger = net.udp();
            var frame = new LinkMessage.Frame(new byte[60]);

            NetMachine.report("driver attached at first", driver.attached());
            NetMachine.report("no peer to send to", driver.send(frame));
            user.send(frame);
            NetMachine.report("driver", kind(driver.receive(driver.socket().receive()))); // before ATTACH: a stranger's
            user.send(new LinkMessage.Attach());
            NetMachine.report("driver", kind(driver.receive(driver.socket().receive())));
            NetMachine.report("driver attached after ATTACH", driver.attached());
            user.send(new LinkMessage.Link(MAC, 1500, true)); // LINK never goes to a driver
            NetMachine.report("driver", kind(driver.receive(driver.socket().receive())));
            user.socket().send(self.address(), LinkMessage.DRIVER_PORT, new byte[] {9});
            NetMachine.report("driver", kind(driver.receive(driver.socket().receive())));
            stranger.send(self.address(), LinkMessage.DRIVER_PORT, frame.encode());
            NetMachine.report("driver", kind(driver.receive(driver.socket().receive())));
            user.send(frame);
            NetMachine.report("driver", kind(driver.receive(driver.socket().receive())));

            driver.send(new LinkMessage.Link(MAC, 1500, true));
            NetMachine.report("user", kind(user.receive(user.socket().receive())));
            stranger.send(self.address(), user.socket().port(), frame.encode()); // not from the driver's port
            NetMachine.report("user", kind(user.receive(user.socket().receive())));
            driver.socket().send(self.address(), user.socket().port(), new LinkMessage.Attach().encode()); // ATTACH never comes from a driver
            NetMachine.report("user", kind(user.receive(user.socket().receive())));
            driver.send(frame);
            NetMachine.report("user", kind(user.receive(user.socket().receive())));

            NetMachine.report("driver counters", driver.counters().toString());
            NetMachine.report("user counters", user.counters().toString());
        }

        private static String kind(LinkMessage m) { return m == null ? "refused" : m.getClass().getSimpleName(); }
    }

    @Test
    void eachEndTakesOnlyItsDirectionFromItsPeerAndCountsTheRest() {
        new NetMachine().process("both", BothEnds.class).boot().assertClean();
        assertEquals(false, NetMachine.reported("driver attached at first"));
        assertEquals(false, NetMachine.reported("no peer to send to"));
        assertEquals(true, NetMachine.reported("driver attached after ATTACH"));
        assertEquals(List.of("refused", "Attach", "refused", "refused", "refused", "Frame"), NetMachine.reports("driver"));
        assertEquals(List.of("Link", "refused", "refused", "Frame"), NetMachine.reports("user"));
        assertEquals("received=2 malformed=2 fromStranger=2 attachments=1 sent=2 noPeer=1 lost=0 peerGone=0 refused=0",
                NetMachine.reported("driver counters"));
        assertEquals("received=2 malformed=1 fromStranger=1 attachments=0 sent=4 noPeer=0 lost=0 peerGone=0 refused=0",
                NetMachine.reported("user counters"));
    }
}
