package packos.samples.simple;

import java.nio.charset.StandardCharsets;
import packos.kernel.Packet;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.MalformedPacketException;

/** f(name) of the simple sample: learns its name from a KAN packet, works a little, sends the name home by UDP. */
public final class Worker implements Program {
    private static final int ROUNDS = 3;

    @Override
    public void main(Process self) throws MalformedPacketException {
        Packet p = self.sys().receive();
        var ip = Ipv6Header.check(p);
        String name = new String(p.copyBytes(Ipv6Header.LENGTH, ip.payloadLength()), StandardCharsets.UTF_8);
        self.sys().free(p);
        self.print("f(\"" + name + "\")");
        for (int i = 0; i < ROUNDS; i++) {
            self.print("[" + name + ": " + i + "]");
            self.yield();
        }
        try (var udp = self.net().udp()) {
            udp.send(self.sys().schedulerAddress(), SimpleScheduler.CHILD_PORT, name);
        }
        self.print(name + " done");
    }
}
