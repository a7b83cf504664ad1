package packos.machine.nic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.machine.nic.Rtl8139Registers.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import packos.machine.Board;
import packos.machine.BoardDescription;
import packos.machine.InterruptController;
import packos.machine.pci.Bdf;
import packos.machine.pci.ConfigSpace;

/** The card driven through its I/O ports, as a driver process will drive it. */
class Rtl8139Test {
    private static final Bdf NIC = Bdf.of(0, 3, 0);
    private static final MacAddress OWN = BoardDescription.DEFAULT_MAC;
    private static final byte[] PEER = MacAddress.parse("02:00:00:00:00:02").toBytes();

    private final InterruptController pic = new InterruptController();
    private final List<Integer> interrupts = Collections.synchronizedList(new ArrayList<>());
    private final RecordingWire wire = new RecordingWire();
    private final Board board = Board.build(pic, BoardDescription.withNic(wire));
    private final int io = board.pci().configRead32(NIC, ConfigSpace.BAR0) & ~0x3;
    private final int irq = board.pci().configRead8(NIC, ConfigSpace.INTERRUPT_LINE);
    private long ring;

    Rtl8139Test() { pic.connect(interrupts::add); }

    private int in8(int reg) { return board.ioRead(io + reg, 1); }
    private int in16(int reg) { return board.ioRead(io + reg, 2); }
    private int in32(int reg) { return board.ioRead(io + reg, 4); }
    private void out8(int reg, int v) { board.ioWrite(io + reg, 1, v); }
    private void out16(int reg, int v) { board.ioWrite(io + reg, 2, v); }
    private void out32(int reg, int v) { board.ioWrite(io + reg, 4, v); }

    /** What a driver's probe and open do: bus master on, reset, ring, receive config, enable, interrupt mask. */
    private void bringUp(int rcr) {
        board.pci().configWrite16(NIC, ConfigSpace.COMMAND, board.pci().configRead16(NIC, ConfigSpace.COMMAND) | ConfigSpace.COMMAND_BUS_MASTER);
        out8(CR, CR_RST);
        while ((in8(CR) & CR_RST) != 0) Thread.onSpinWait();
        ring = board.ram().allocate(8192 + 16 + 1500, 16);
        out32(RBSTART, (int) ring);
        out32(RCR, rcr);
        out8(CR, CR_RE | CR_TE);
        out16(IMR, INT_ROK | INT_RER | INT_TOK | INT_TER | INT_RXOVW);
    }

    private void bringUp() { bringUp(RCR_APM | RCR_AB | RCR_AM | RCR_WRAP); }

    private static byte[] frame(byte[] destination, int payload) {
        byte[] f = new byte[14 + payload];
        System.arraycopy(destination, 0, f, 0, 6);
        System.arraycopy(PEER, 0, f, 6, 6);
        f[12] = (byte) 0x86;
        f[13] = (byte) 0xDD;
        for (int i = 0; i < payload; i++) f[14 + i] = (byte) (i * 7 + 1);
        return f;
    }

    private int readOffset() { return in16(CAPR) + 16 & 0xFFFF; }

    /** Reads the frame at the driver's offset and moves CAPR past it, as 8139too's rtl8139_rx does. */
    private byte[] takeFrame() {
        int off = readOffset();
        int status = board.ram().readValue(ring + off, 2);
        int length = board.ram().readValue(ring + off + 2, 2);
        assertEquals(RX_ROK, status & RX_ROK);
        byte[] data = board.ram().read(ring + off + 4, length - 4);
        int next = off + 4 + length + 3 & ~3;
        out16(CAPR, next - 16);
        return data;
    }

    @Test
    void resetLoadsTheMacIntoIdrAndReportsTheLinkUp() {
        bringUp();
        byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++) mac[i] = (byte) in8(IDR0 + i);
        assertEquals(OWN, MacAddress.of(mac, 0));
        assertEquals(0, in8(MSR) & MSR_LINKB, "LINKB low means link up");
        assertEquals(BMSR_LINK, in16(BMSR) & BMSR_LINK);
        assertEquals(TCR_HWVERID, in32(TCR) & 0x7CC0_0000, "a plain RTL8139");
        assertEquals(0xF, in16(TSAD) & 0xF, "all four descriptors belong to the driver");
        assertEquals(CR_RE | CR_TE | CR_BUFE, in8(CR));
    }

    @Test
    void theMemoryBarShowsTheSameRegisters() {
        long mmio = Integer.toUnsignedLong(board.pci().configRead32(NIC, 0x14) & ~0xF);
        assertEquals(in32(IDR0), board.memRead(mmio + IDR0, 4));
        board.memWrite(mmio + MAR0, 1, 0x5A);
        assertEquals(0x5A, in8(MAR0));
    }

    @Test
    void transmittingCopiesTheBufferToTheWireAndReportsTokWithAnInterrupt() {
        bringUp();
        byte[] f = frame(PEER, 100);
        long buf = board.ram().allocate(1536, 4);
        board.ram().write(buf, f, 0, f.length);
        out32(TSAD0 + 4, (int) buf);
        out32(TSD0 + 4, f.length);
        assertEquals(1, wire.sent.size());
        assertArrayEquals(f, wire.sent.get(0));
        int tsd = in32(TSD0 + 4);
        assertEquals(TSD_OWN | TSD_TOK, tsd & (TSD_OWN | TSD_TOK));
        assertEquals(f.length, tsd & TSD_SIZE);
        assertEquals(INT_TOK, in16(ISR));
        assertEquals(List.of(irq), interrupts);
        assertEquals(1 << 13, in16(TSAD) & 0xF000, "TOK1 in the summary");
    }

    @Test
    void aFrameTheWireDropsIsReportedAsTer() {
        bringUp();
        wire.up = false;
        long buf = board.ram().allocate(1536, 4);
        out32(TSAD0, (int) buf);
        out32(TSD0, 60);
        assertEquals(TSD_TABT | TSD_OWN, in32(TSD0) & (TSD_TABT | TSD_OWN | TSD_TOK));
        assertEquals(INT_TER, in16(ISR));
    }

    @Test
    void nothingIsSentWhileTheTransmitterIsOffOrBusMasteringIsOff() {
        bringUp();
        out8(CR, CR_RE);
        long buf = board.ram().allocate(1536, 4);
        out32(TSAD0, (int) buf);
        out32(TSD0, 60);
        assertTrue(wire.sent.isEmpty());
        assertEquals(0, in32(TSD0) & TSD_OWN, "the descriptor waits");
        out8(CR, CR_RE | CR_TE);
        board.pci().configWrite16(NIC, ConfigSpace.COMMAND, ConfigSpace.COMMAND_IO);
        out32(TSD0, 60);
        assertTrue(wire.sent.isEmpty());
        assertEquals(INT_SERR, in16(ISR) & INT_SERR, "the DMA was refused: a system error");
    }

    @Test
    void aReceivedFrameLandsInTheRingWithItsHeaderAndRaisesRok() {
        bringUp();
        byte[] f = frame(OWN.toBytes(), 200);
        wire.deliver(f);
        assertEquals(INT_ROK, in16(ISR));
        assertEquals(List.of(irq), interrupts);
        assertEquals(0, in8(CR) & CR_BUFE);
        int status = board.ram().readValue(ring, 2);
        int length = board.ram().readValue(ring + 2, 2);
        assertEquals(RX_ROK | RX_PAM, status);
        assertEquals(f.length + 4, length, "the length counts the CRC");
        assertArrayEquals(f, board.ram().read(ring + 4, f.length));
        var crc = new CRC32();
        crc.update(f);
        assertEquals((int) crc.getValue(), board.ram().readValue(ring + 4 + f.length, 4), "the FCS follows the frame");
        assertEquals(4 + length + 3 & ~3, in16(CBR), "the next frame starts dword-aligned");
    }

    @Test
    void shortFramesArePaddedToTheEthernetMinimum() {
        bringUp();
        wire.deliver(frame(OWN.toBytes(), 10));
        assertEquals(64, board.ram().readValue(ring + 2, 2));
    }

    @Test
    void advancingCaprEmptiesTheBufferAndFramesComeBackInOrder() {
        bringUp();
        var frames = new ArrayList<byte[]>();
        for (int i = 0; i < 5; i++) {
            frames.add(frame(OWN.toBytes(), 50 + 33 * i));
            wire.deliver(frames.getLast());
        }
        for (byte[] f : frames) assertArrayEquals(f, Arrays.copyOf(takeFrame(), f.length));
        assertEquals(CR_BUFE, in8(CR) & CR_BUFE);
        assertEquals(in16(CBR), readOffset());
    }

    @Test
    void framesTheRingHasNoRoomForWaitAndGoInInOrderAsTheDriverReads() {
        bringUp();
        int count = 100;  // 8 KiB holds 36 of these; the rest wait for room
        for (int i = 0; i < count; i++) {
            byte[] f = frame(OWN.toBytes(), 200);
            f[14] = (byte) i;
            wire.deliver(f);
        }
        assertEquals(0, in16(ISR) & INT_RXOVW, "no overflow while frames can wait");
        assertEquals(0, in32(MPC), "nothing missed");
        for (int i = 0; i < count; i++) {
            int off = readOffset() % 8192;
            int status = board.ram().readValue(ring + off, 2);
            int length = board.ram().readValue(ring + off + 2, 2);
            assertEquals(RX_ROK, status & RX_ROK, "frame " + i + " is in the ring");
            assertEquals(i, board.ram().readValue(ring + (off + 4 + 14) % 8192, 1), "frames keep their order");
            out16(CAPR, (readOffset() + 4 + length + 3 & ~3) - 16);
        }
        assertEquals(CR_BUFE, in8(CR) & CR_BUFE, "the ring is empty after the last frame");
    }

    @Test
    void aFullRingAndQueueReportRxovwAndOverwriteNothing() {
        bringUp();
        byte[] big = frame(OWN.toBytes(), 1400);
        int stored = 0;
        while (true) {
            wire.deliver(big);
            if ((in16(ISR) & INT_RXOVW) != 0) break;
            stored++;
        }
        assertEquals(5 + Rtl8139.WAITING_FRAMES, stored, "8 KiB holds five 1.4 KB frames, and the queue the rest");
        assertEquals(1, in32(MPC), "the refused frame is counted as missed");
        byte[] first = board.ram().read(ring + 4, big.length);
        assertArrayEquals(big, first, "the unread frame is intact");
        out16(ISR, INT_RXOVW | INT_ROK);
        takeFrame();
        takeFrame();
        wire.deliver(big);
        assertEquals(INT_ROK, in16(ISR), "room again after the driver read");
    }

    @Test
    void framesWrapAroundTheRingWithoutTheWrapBit() {
        bringUp(RCR_APM);
        byte[] big = frame(OWN.toBytes(), 1400);
        for (int round = 0; round < 20; round++) {
            wire.deliver(big);
            int off = readOffset();
            int length = board.ram().readValue(ring + off + 2, 2);
            // The chip wrapped the bytes to RBSTART: read them the same way.
            byte[] data = new byte[length - 4];
            for (int i = 0; i < data.length; i++) data[i] = (byte) board.ram().readValue(ring + (off + 4 + i) % 8192, 1);
            assertArrayEquals(big, data, "round " + round);
            out16(CAPR, (off + 4 + length + 3 & ~3) % 8192 - 16);
            out16(ISR, INT_ROK);
        }
    }

    @Test
    void theFilterTakesOwnBroadcastAndHashedMulticastAndDropsTheRest() {
        bringUp(RCR_APM | RCR_AB | RCR_AM | RCR_WRAP);
        byte[] group = MacAddress.parse("33:33:00:00:00:01").toBytes();
        int bit = ReceiveFilter.hashBit(group);
        out8(MAR0 + (bit >>> 3), 1 << (bit & 7));
        wire.deliver(frame(MacAddress.parse("02:99:99:99:99:99").toBytes(), 60));
        assertEquals(0, in16(ISR), "someone else's frame");
        byte[] otherGroup = MacAddress.parse("33:33:ff:00:00:07").toBytes();
        assertTrue(ReceiveFilter.hashBit(otherGroup) != bit);
        wire.deliver(frame(otherGroup, 60));
        assertEquals(0, in16(ISR), "a group whose hash bit is clear");
        wire.deliver(frame(MacAddress.BROADCAST.toBytes(), 60));
        assertEquals(RX_ROK | RX_BAR, board.ram().readValue(ring, 2) );
        int off = in16(CBR);
        wire.deliver(frame(group, 60));
        assertEquals(RX_ROK | RX_MAR, board.ram().readValue(ring + off, 2));
        out32(RCR, RCR_APM | RCR_WRAP);
        int before = in16(CBR);
        wire.deliver(frame(MacAddress.BROADCAST.toBytes(), 60));
        assertEquals(before, in16(CBR), "broadcast refused without AB");
        out32(RCR, RCR_AAP | RCR_WRAP);
        wire.deliver(frame(MacAddress.parse("02:99:99:99:99:99").toBytes(), 60));
        assertTrue(in16(CBR) != before, "promiscuous takes everything");
    }

    @Test
    void theMulticastHashIsTheTopSixBitsOfTheBigEndianCrcOfTheAddress() {
        // Linux's ether_crc is the bit-reversed register of the ordinary (reflected) CRC-32 before its final inversion.
        for (String text : List.of("33:33:00:00:00:01", "33:33:ff:12:34:56", "01:00:5e:00:00:fb", "ff:ff:ff:ff:ff:ff")) {
            byte[] mac = MacAddress.parse(text).toBytes();
            var crc = new CRC32();
            crc.update(mac);
            int etherCrc = Integer.reverse(~(int) crc.getValue());
            assertEquals(etherCrc >>> 26, ReceiveFilter.hashBit(mac), text);
        }
    }

    @Test
    void isrBitsClearOnlyWhereOnesAreWritten() {
        bringUp();
        wire.deliver(frame(OWN.toBytes(), 60));
        long buf = board.ram().allocate(64, 4);
        out32(TSAD0, (int) buf);
        out32(TSD0, 60);
        assertEquals(INT_ROK | INT_TOK, in16(ISR));
        out16(ISR, INT_TOK);
        assertEquals(INT_ROK, in16(ISR));
        out16(ISR, 0);
        assertEquals(INT_ROK, in16(ISR), "writing zeros clears nothing");
        out16(ISR, 0xFFFF);
        assertEquals(0, in16(ISR));
    }

    @Test
    void aMaskedEventSetsIsrButRaisesNoInterruptUntilUnmasked() {
        bringUp();
        out16(IMR, INT_TOK);
        wire.deliver(frame(OWN.toBytes(), 60));
        assertEquals(INT_ROK, in16(ISR));
        assertTrue(interrupts.isEmpty());
        assertEquals(0, board.pci().configRead16(NIC, ConfigSpace.STATUS) & ConfigSpace.STATUS_INTERRUPT, "INTx# not asserted");
        out16(IMR, INT_ROK);
        assertEquals(List.of(irq), interrupts, "unmasking a pending event interrupts");
        assertEquals(ConfigSpace.STATUS_INTERRUPT, board.pci().configRead16(NIC, ConfigSpace.STATUS) & ConfigSpace.STATUS_INTERRUPT);
    }

    @Test
    void interruptDisableInTheCommandRegisterSilencesTheCard() {
        bringUp();
        int cmd = board.pci().configRead16(NIC, ConfigSpace.COMMAND);
        board.pci().configWrite16(NIC, ConfigSpace.COMMAND, cmd | ConfigSpace.COMMAND_INTX_DISABLE);
        wire.deliver(frame(OWN.toBytes(), 60));
        assertEquals(INT_ROK, in16(ISR));
        assertTrue(interrupts.isEmpty());
    }

    @Test
    void aDisabledReceiverTakesNothing() {
        bringUp();
        out8(CR, CR_TE);
        wire.deliver(frame(OWN.toBytes(), 60));
        assertEquals(0, in16(ISR));
        assertEquals(0, in16(CBR));
    }

    @Test
    void configOneIsWritableOnlyWhenThe9346RegisterUnlocksIt() {
        bringUp();
        out8(CONFIG1, 0x01);
        assertEquals(0, in8(CONFIG1));
        out8(CR9346, CR9346_CONFIG_WRITE);
        out8(CONFIG1, 0x01);
        out8(CR9346, 0);
        assertEquals(0x01, in8(CONFIG1));
    }

    @Test
    void aCardOnNoWireHasNoLink() {
        var lonely = Board.build(new InterruptController(), BoardDescription.withNic(new packos.machine.wire.NoWire()));
        int base = lonely.pci().configRead32(NIC, ConfigSpace.BAR0) & ~0x3;
        assertEquals(MSR_LINKB, lonely.ioRead(base + MSR, 1) & MSR_LINKB);
        assertEquals(0, lonely.ioRead(base + BMSR, 2) & BMSR_LINK);
    }
}
