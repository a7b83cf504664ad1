package packos.machine.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.machine.nic.Rtl8139Registers.*;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import packos.machine.Board;
import packos.machine.BoardDescription;
import packos.machine.InterruptController;
import packos.machine.nic.MacAddress;
import packos.machine.pci.Bdf;
import packos.machine.pci.ConfigSpace;

class LoopbackWireTest {
    private static final Bdf NIC = Bdf.of(0, 3, 0);

    /** One machine's card, driven through its ports. */
    private static final class Station {
        final Board board;
        final ConcurrentLinkedQueue<Integer> interrupts = new ConcurrentLinkedQueue<>();
        final int io;
        final long ring, tx;
        final InterruptController pic = new InterruptController();

        Station(EthernetWire wire, MacAddress mac) {
            pic.connect(line -> {
                interrupts.add(line);
                pic.acknowledge(line);
            });
            board = Board.build(pic, new BoardDescription(BoardDescription.DEFAULT_RAM, List.of(new BoardDescription.Nic(wire, mac))));
            io = board.pci().configRead32(NIC, ConfigSpace.BAR0) & ~0x3;
            board.pci().configWrite16(NIC, ConfigSpace.COMMAND, board.pci().configRead16(NIC, ConfigSpace.COMMAND) | ConfigSpace.COMMAND_BUS_MASTER);
            board.ioWrite(io + CR, 1, CR_RST);
            ring = board.ram().allocate(65536 + 16 + 1500, 16);
            tx = board.ram().allocate(4 * 1536, 16);
            board.ioWrite(io + RBSTART, 4, (int) ring);
            board.ioWrite(io + RCR, 4, RCR_APM | RCR_AB | RCR_WRAP | 3 << RCR_RBLEN_SHIFT);
            board.ioWrite(io + CR, 1, CR_RE | CR_TE);
            board.ioWrite(io + IMR, 2, INT_ROK | INT_TOK);
        }

        void send(int descriptor, byte[] frame) {
            long buf = tx + 1536L * descriptor;
            board.ram().write(buf, frame, 0, frame.length);
            board.ioWrite(io + TSAD0 + 4 * descriptor, 4, (int) buf);
            board.ioWrite(io + TSD0 + 4 * descriptor, 4, frame.length);
        }

        /** Waits for a frame in the ring, takes it and moves CAPR on. */
        byte[] receive() throws InterruptedException {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while ((board.ioRead(io + CR, 1) & CR_BUFE) != 0) {
                if (System.nanoTime() > deadline) throw new AssertionError("no frame arrived");
                Thread.sleep(1);
            }
            int off = board.ioRead(io + CAPR, 2) + 16 & 0xFFFF;
            int length = board.ram().readValue(ring + off + 2, 2);
            byte[] data = board.ram().read(ring + off + 4, length - 4);
            board.ioWrite(io + CAPR, 2, (off + 4 + length + 3 & ~3) % 65536 - 16);
            board.ioWrite(io + ISR, 2, INT_ROK);
            return data;
        }
    }

    private static byte[] frame(MacAddress to, MacAddress from, int n) {
        byte[] f = new byte[14 + 100];
        System.arraycopy(to.toBytes(), 0, f, 0, 6);
        System.arraycopy(from.toBytes(), 0, f, 6, 6);
        f[12] = (byte) 0x88;
        f[13] = (byte) 0xB5;
        f[14] = (byte) n;
        f[15] = (byte) (n >>> 8);
        return f;
    }

    @Test
    void twoCardsOnALoopbackWireExchangeFramesBothWays() throws Exception {
        var ends = LoopbackWire.pair();
        var macA = MacAddress.parse("02:00:00:00:00:0a");
        var macB = MacAddress.parse("02:00:00:00:00:0b");
        var a = new Station(ends[0], macA);
        var b = new Station(ends[1], macB);
        try {
            for (int i = 0; i < 200; i++) {
                byte[] ab = frame(macB, macA, i), ba = frame(macA, macB, i);
                a.send(i % 4, ab);
                b.send(i % 4, ba);
                assertArrayEquals(ab, java.util.Arrays.copyOf(b.receive(), ab.length), "a to b, frame " + i);
                assertArrayEquals(ba, java.util.Arrays.copyOf(a.receive(), ba.length), "b to a, frame " + i);
            }
            int irqA = a.board.pci().configRead8(NIC, ConfigSpace.INTERRUPT_LINE);
            assertTrue(a.interrupts.size() >= 200 && a.interrupts.stream().allMatch(l -> l == irqA), "IRQs on " + irqA + ": " + a.interrupts.size());
        } finally {
            a.board.close();
            b.board.close();
        }
    }

    @Test
    void aClosedEndRefusesFramesAndOversizedFramesAreDropped() {
        var ends = LoopbackWire.pair();
        assertFalse(ends[0].transmit(new byte[EthernetWire.MAX_FRAME + 1], 0, EthernetWire.MAX_FRAME + 1));
        assertTrue(ends[0].transmit(new byte[60], 0, 60), "queued for a peer not yet started");
        ends[1].close();
        assertFalse(ends[0].transmit(new byte[60], 0, 60));
        ends[0].close();
        assertEquals("none", new NoWire().describe());
        assertFalse(new NoWire().transmit(new byte[60], 0, 60));
    }
}
