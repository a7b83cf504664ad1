package packos.machine.nic;

import static packos.machine.nic.Rtl8139Registers.*;

import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;
import packos.machine.GuestMemory;
import packos.machine.pci.Bar;
import packos.machine.pci.ConfigSpace;
import packos.machine.pci.PciFunction;
import packos.machine.pci.PciIdentity;
import packos.machine.wire.EthernetWire;
import packos.machine.wire.FrameReceiver;
import packos.machine.wire.NoWire;

/**
 * A Realtek RTL8139 Fast Ethernet controller (10EC:8139, class 02/00/00): its registers through
 * a 256-byte I/O BAR0 and the same registers through a 256-byte memory BAR1, a receive ring and
 * four transmit descriptors in guest memory reached by bus-master DMA, and an interrupt on INTA#
 * whenever an ISR bit that IMR enables is set.
 *
 * <p>The wire delivers frames on its own thread while a driver reads and writes registers on
 * another: one lock covers all register state and the DMA done under it. The lock is never held
 * while the frame goes out on the wire or the interrupt is raised, so two cards joined by a
 * wire cannot deadlock and an interrupt handler may read registers at once.
 *
 * <p>A frame the ring has no room for waits in a bounded queue in front of the card, as QEMU's
 * network layer holds frames for a card that cannot receive, and goes in, in order, when the
 * driver frees room by moving CAPR. A burst from the host (a 64 KiB read through the user
 * network is 46 frames) no longer loses its tail to a ring a little smaller than it, which cost
 * the sender a retransmission timeout each time. Only when the queue is full is a frame missed.
 *
 * <p>Not modelled: the 93C46 EEPROM's bit-banged interface (the MAC is loaded into IDR0-5 at
 * reset instead), the timer (TCTR, TimerInt), early receive and transmit thresholds, power
 * management, and the RTL8139C+ descriptor mode.
 */
public final class Rtl8139 extends PciFunction implements FrameReceiver {
    public static final int VENDOR = 0x10EC, DEVICE = 0x8139;
    /** Below 0x20: Linux takes revisions from 0x20 for the C+ and hands them to another driver. */
    public static final int REVISION = 0x10;
    public static final int REGISTERS = 256;
    /** Ethernet's minimum frame without FCS: shorter frames from a wire are padded, as the sender's MAC would have. */
    static final int MIN_FRAME = 60;

    private final ReentrantLock lock = new ReentrantLock();
    private final GuestMemory memory;
    private final EthernetWire wire;
    private final MacAddress eepromMac;
    private final boolean linkUp;

    private final byte[] idr = new byte[6];
    private final byte[] mar = new byte[8];
    private final TransmitDescriptor[] tx = {new TransmitDescriptor(), new TransmitDescriptor(), new TransmitDescriptor(), new TransmitDescriptor()};
    private final ReceiveRing ring = new ReceiveRing();
    /** Frames (padded, FCS appended) waiting for room in the ring, with their filter bits. */
    private final java.util.ArrayDeque<Waiting> waiting = new java.util.ArrayDeque<>();
    /** How many frames may wait: some 750 KB, three times the user network's receive window. */
    static final int WAITING_FRAMES = 512;
    private boolean receiverOn, transmitterOn;
    private int imr, isr, tcr, rcr, missed, cr9346, config1, config3, config4, multint, bmcr, anar;
    private boolean signalDue;
    private long framesReceived, framesFiltered, framesTransmitted;

    public Rtl8139(MacAddress mac, GuestMemory memory, EthernetWire wire) {
        super(new ConfigSpace(new PciIdentity(VENDOR, DEVICE, 0x02_00_00, REVISION, 0x00, VENDOR, DEVICE, 1),
                Bar.io(REGISTERS), Bar.memory(REGISTERS, false)));
        this.eepromMac = mac;
        this.memory = memory;
        this.wire = wire;
        // A card on no wire has no cable in it: the PHY reports no link, and frames sent fail.
        this.linkUp = !(wire instanceof NoWire);
        reset();
    }

    /** Plugs the cable in: from now on the wire delivers frames to this card. */
    public void connect() { wire.start(this); }

    public MacAddress eepromMac() { return eepromMac; }

    public EthernetWire wire() { return wire; }

    @Override
    public int barRead(int bar, int offset, int size) {
        checkAccess(offset, size);
        lock.lock();
        try {
            int value = 0;
            for (int i = size - 1; i >= 0; i--) value = value << 8 | readByte(offset + i);
            return value;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void barWrite(int bar, int offset, int size, int value) {
        checkAccess(offset, size);
        Transmission out = null;
        boolean signal;
        lock.lock();
        try {
            // A write may span several registers (a 4-byte write to IMR writes ISR too): take it register by register.
            for (int o = offset; o < offset + size; ) {
                int start = startOf(o), width = widthOf(start);
                int end = Math.min(start + width, offset + size);
                int merged = register(start), bytes = 0;
                for (int b = o; b < end; b++) {
                    int shift = 8 * (b - start);
                    merged = merged & ~(0xFF << shift) | (value >>> 8 * (b - offset) & 0xFF) << shift;
                    bytes |= 0xFF << shift;
                }
                Transmission t = write(start, merged, bytes);
                if (t != null) out = t;
                o = end;
            }
            signal = takeSignal();
        } finally {
            lock.unlock();
        }
        if (out != null) signal |= send(out);
        if (signal) signalInterrupt();
    }

    /** A frame from the wire: filtered by RCR, then written to the ring by DMA, or counted as missed. */
    @Override
    public void frameArrived(byte[] frame, int length) {
        boolean signal;
        lock.lock();
        try {
            receive(frame, length);
            signal = takeSignal();
        } finally {
            lock.unlock();
        }
        if (signal) signalInterrupt();
    }

    /** Frames written to the ring, dropped by the address filter, and sent on the wire: for the console and tests. */
    public long[] counters() {
        lock.lock();
        try {
            return new long[] {framesReceived, framesFiltered, framesTransmitted};
        } finally {
            lock.unlock();
        }
    }

    private record Transmission(int descriptor, byte[] frame) { }

    private record Waiting(int status, byte[] data) { }

    private void receive(byte[] frame, int length) {
        if (!receiverOn || !linkUp || !EthernetWire.isFrameLength(length)) return;
        int why = ReceiveFilter.match(frame, rcr, idr, mar);
        if (why == 0) {
            framesFiltered++;
            return;
        }
        if (!busMaster()) {
            missed++;
            return;
        }
        int padded = Math.max(length, MIN_FRAME);
        byte[] data = new byte[padded + ReceiveRing.CRC];
        System.arraycopy(frame, 0, data, 0, length);
        // The frame check sequence the sender's MAC appended: CRC-32, least significant byte first.
        var crc = new CRC32();
        crc.update(data, 0, padded);
        long fcs = crc.getValue();
        for (int i = 0; i < 4; i++) data[padded + i] = (byte) (fcs >>> 8 * i);
        if (!waiting.isEmpty()) {
            wait(new Waiting(RX_ROK | why, data));
            return;
        }
        switch (ring.put(memory, RX_ROK | why, data, data.length)) {
            case STORED -> {
                framesReceived++;
                raise(INT_ROK);
            }
            case OVERFLOW -> wait(new Waiting(RX_ROK | why, data));
            case MASTER_ABORT -> {
                missed++;
                raise(INT_SERR);
            }
        }
    }

    private void wait(Waiting frame) {
        if (waiting.size() < WAITING_FRAMES) {
            waiting.add(frame);
        } else {
            missed++;
            raise(INT_RXOVW);
        }
    }

    /** Moves waiting frames into the ring while it has room: the driver has just freed some. */
    private void admitWaiting() {
        while (!waiting.isEmpty() && receiverOn && busMaster()) {
            var next = waiting.peek();
            var outcome = ring.put(memory, next.status, next.data, next.data.length);
            if (outcome == ReceiveRing.Outcome.OVERFLOW) return;
            waiting.poll();
            if (outcome == ReceiveRing.Outcome.STORED) {
                framesReceived++;
                raise(INT_ROK);
            } else {
                missed++;
                raise(INT_SERR);
            }
        }
    }

    /** Sends a frame copied out under the lock, then records the outcome; true when an interrupt is due. */
    private boolean send(Transmission t) {
        boolean sent = t.frame != null && wire.transmit(t.frame, 0, t.frame.length);
        lock.lock();
        try {
            tx[t.descriptor].finished(sent);
            if (sent) framesTransmitted++;
            raise(sent ? INT_TOK : INT_TER);
            return takeSignal();
        } finally {
            lock.unlock();
        }
    }

    private Transmission write(int start, int value, int bytes) {
        switch (start) {
            case IDR0, IDR0 + 1, IDR0 + 2, IDR0 + 3, IDR0 + 4, IDR0 + 5 -> idr[start - IDR0] = (byte) value;
            case MAR0, MAR0 + 1, MAR0 + 2, MAR0 + 3, MAR0 + 4, MAR0 + 5, MAR0 + 6, MAR0 + 7 -> mar[start - MAR0] = (byte) value;
            case TSD0, TSD0 + 4, TSD0 + 8, TSD0 + 12 -> {
                int d = (start - TSD0) / 4;
                if (tx[d].write(value) && transmitterOn) return copyOut(d);
            }
            case TSAD0, TSAD0 + 4, TSAD0 + 8, TSAD0 + 12 -> tx[(start - TSAD0) / 4].address(value);
            case RBSTART -> ring.start(Integer.toUnsignedLong(value));
            case CR -> {
                if ((value & CR_RST) != 0) {
                    reset();
                } else {
                    receiverOn = (value & CR_RE) != 0;
                    transmitterOn = (value & CR_TE) != 0;
                }
            }
            case CAPR -> {
                ring.capr(value & 0xFFFF);
                admitWaiting();
            }
            case IMR -> {
                int before = isr & imr;
                imr = value & INT_ALL;
                if (before == 0 && (isr & imr) != 0) signalDue = true;
                updateInterruptStatus();
            }
            // Write 1s to clear: a driver acknowledges exactly the events it has handled.
            case ISR -> {
                isr &= ~(value & bytes);
                updateInterruptStatus();
            }
            case TCR -> tcr = value & ~TCR_HWVERID_MASK;
            case RCR -> {
                rcr = value;
                ring.configure(rcr);
            }
            case MPC -> missed = 0;
            case CR9346 -> cr9346 = value & 0xCF;
            case CONFIG1 -> { if (configWritable()) config1 = value & 0xFF; }
            case CONFIG3 -> { if (configWritable()) config3 = value & 0xFF; }
            case CONFIG4 -> { if (configWritable()) config4 = value & 0xFF; }
            case MULINT -> multint = value & 0x0FFF;
            // Reset and restart auto-negotiation complete at once: the link partner is always there.
            case BMCR -> bmcr = value & ~(BMCR_RESET | BMCR_RESTART_AN) & 0xFFFF;
            case ANAR -> anar = value & 0xFFFF;
            default -> { } // read-only or reserved: writes are ignored, as by the chip
        }
        return null;
    }

    /** The DMA from guest memory into the chip's FIFO; OWN is set once the buffer is copied. */
    private Transmission copyOut(int d) {
        var desc = tx[d];
        long from = Integer.toUnsignedLong(desc.address());
        if (!busMaster() || !memory.contains(from, desc.size())) {
            raise(INT_SERR);
            return new Transmission(d, null);
        }
        byte[] frame = memory.read(from, desc.size());
        desc.copied();
        return new Transmission(d, linkUp ? frame : null);
    }

    private int register(int start) {
        return switch (start) {
            case IDR0, IDR0 + 1, IDR0 + 2, IDR0 + 3, IDR0 + 4, IDR0 + 5 -> idr[start - IDR0] & 0xFF;
            case MAR0, MAR0 + 1, MAR0 + 2, MAR0 + 3, MAR0 + 4, MAR0 + 5, MAR0 + 6, MAR0 + 7 -> mar[start - MAR0] & 0xFF;
            case TSD0, TSD0 + 4, TSD0 + 8, TSD0 + 12 -> tx[(start - TSD0) / 4].status();
            case TSAD0, TSAD0 + 4, TSAD0 + 8, TSAD0 + 12 -> tx[(start - TSAD0) / 4].address();
            case RBSTART -> (int) ring.start();
            case CR -> (receiverOn ? CR_RE : 0) | (transmitterOn ? CR_TE : 0) | (ring.empty() ? CR_BUFE : 0);
            case CAPR -> ring.capr();
            case CBR -> ring.cbr();
            case IMR -> imr;
            case ISR -> isr;
            case TCR -> tcr | TCR_HWVERID;
            case RCR -> rcr;
            case MPC -> missed & 0xFF_FFFF;
            case CR9346 -> cr9346;
            case CONFIG1 -> config1;
            case CONFIG3 -> config3;
            case CONFIG4 -> config4;
            case MSR -> linkUp ? 0 : MSR_LINKB;
            case MULINT -> multint;
            case TSAD -> transmitSummary();
            case BMCR -> bmcr;
            case BMSR -> BMSR_ABILITIES | (linkUp ? BMSR_AN_COMPLETE | BMSR_LINK : 0);
            case ANAR -> anar;
            // The link partner (a switch port) advertises everything up to 100 Mbps full duplex.
            case ANLPAR -> linkUp ? 0x45E1 : 0;
            case ANER -> linkUp ? 1 : 0;
            default -> 0;
        };
    }

    private int readByte(int o) {
        int start = startOf(o);
        return register(start) >>> 8 * (o - start) & 0xFF;
    }

    /** TSAD (0x60): TOK3-0 in bits 15:12, TUN in 11:8, TABT in 7:4, OWN in 3:0. */
    private int transmitSummary() {
        int v = 0;
        for (int d = 0; d < 4; d++) {
            int s = tx[d].status();
            if ((s & TSD_TOK) != 0) v |= 1 << 12 + d;
            if ((s & TSD_TUN) != 0) v |= 1 << 8 + d;
            if ((s & TSD_TABT) != 0) v |= 1 << 4 + d;
            if ((s & TSD_OWN) != 0) v |= 1 << d;
        }
        return v;
    }

    /** CR.RST: everything to its power-on value and the MAC reloaded from the EEPROM. */
    private void reset() {
        byte[] mac = eepromMac.toBytes();
        System.arraycopy(mac, 0, idr, 0, 6);
        java.util.Arrays.fill(mar, (byte) 0);
        for (var d : tx) d.reset();
        ring.start(0);
        rcr = 0;
        ring.configure(rcr);
        ring.reset();
        waiting.clear();
        receiverOn = transmitterOn = false;
        imr = isr = tcr = missed = cr9346 = config1 = config3 = config4 = multint = 0;
        bmcr = BMCR_SPEED_100 | BMCR_ANE | BMCR_DUPLEX;
        anar = 0x01E1;
        updateInterruptStatus();
    }

    private boolean configWritable() { return (cr9346 & CR9346_CONFIG_WRITE) == CR9346_CONFIG_WRITE; }

    /**
     * Sets ISR bits. The interrupt controller is edge-like (a raise while masked is held as one
     * pending), so each new enabled event raises the line; a handler that clears ISR and then
     * acknowledges the line gets a second interrupt for an event that came in between.
     */
    private void raise(int bits) {
        isr |= bits;
        if ((bits & imr) != 0) signalDue = true;
        updateInterruptStatus();
    }

    private void updateInterruptStatus() { config().interruptStatus((isr & imr) != 0); }

    private boolean takeSignal() {
        boolean due = signalDue;
        signalDue = false;
        return due;
    }

    private static void checkAccess(int offset, int size) {
        if (size != 1 && size != 2 && size != 4) throw new IllegalArgumentException("register access size " + size + " is not 1, 2 or 4");
        if (offset < 0 || offset + size > REGISTERS) throw new IllegalArgumentException("register offset 0x" + Integer.toHexString(offset) + " is outside the 256-byte register window");
    }

    /** The register an offset falls in: a wider register starting up to three bytes before, else the byte itself. */
    private static int startOf(int offset) {
        for (int back = 1; back <= 3; back++) if (offset - back >= 0 && widthOf(offset - back) > back) return offset - back;
        return offset;
    }

    /** The width of the register that starts at {@code start}; single bytes for reserved space. */
    private static int widthOf(int start) {
        return switch (start) {
            case TSD0, TSD0 + 4, TSD0 + 8, TSD0 + 12, TSAD0, TSAD0 + 4, TSAD0 + 8, TSAD0 + 12, RBSTART, TCR, RCR, TCTR, MPC, TIMER_INT -> 4;
            case ERBCR, CAPR, CBR, IMR, ISR, MULINT, TSAD, BMCR, BMSR, ANAR, ANLPAR, ANER -> 2;
            default -> 1;
        };
    }
}
