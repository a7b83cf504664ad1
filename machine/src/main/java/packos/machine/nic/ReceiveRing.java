package packos.machine.nic;

import packos.machine.GuestMemory;

/**
 * The receive buffer in guest memory: a ring of 8, 16, 32 or 64 KiB at RBSTART that the chip
 * fills from CBR (its write offset) and the driver empties from CAPR. Each frame is a 4-byte
 * header (status, then length including the 4-byte CRC) followed by the frame and its CRC,
 * the next one starting on a dword boundary. A frame that would reach the driver's read offset
 * is refused (the caller reports RXOVW) rather than overwriting what the driver has not read.
 *
 * <p>CAPR reads and writes 16 below the driver's real offset: the chip's quirk, which Linux
 * follows by writing {@code cur_rx - 16}.
 */
final class ReceiveRing {
    static final int HEADER = 4, CRC = 4;
    private static final int CAPR_BIAS = 16;

    private long start;
    private int length = 8192;
    private boolean wrap;
    private int write;
    private int read;

    void reset() {
        write = 0;
        read = 0;
    }

    void start(long address) { start = address; }

    long start() { return start; }

    /** RCR bits 12:11 choose 8K << n; WRAP lets a frame run past the end instead of wrapping to RBSTART. */
    void configure(int rcr) {
        length = 8192 << ((rcr & Rtl8139Registers.RCR_RBLEN) >>> Rtl8139Registers.RCR_RBLEN_SHIFT);
        wrap = (rcr & Rtl8139Registers.RCR_WRAP) != 0;
        write %= length;
        read %= length;
    }

    int length() { return length; }

    boolean empty() { return read == write; }

    int cbr() { return write & 0xFFFF; }

    int capr() { return read - CAPR_BIAS & 0xFFFF; }

    void capr(int value) { read = Math.floorMod(value + CAPR_BIAS, length); }

    enum Outcome { STORED, OVERFLOW, MASTER_ABORT }

    /**
     * Writes one received frame ({@code data} = frame and CRC) with its header. OVERFLOW when the
     * space the driver has freed is too small: the record never fills the ring completely, because
     * a write offset equal to the read offset means empty. MASTER_ABORT when the ring is not in RAM.
     */
    Outcome put(GuestMemory memory, int status, byte[] data, int dataLength) {
        int record = HEADER + dataLength;
        int aligned = record + 3 & ~3;
        int free = empty() ? length : Math.floorMod(read - write, length);
        if (aligned >= free) return Outcome.OVERFLOW;
        boolean linear = wrap || write + record <= length;
        if (!memory.contains(start + write, linear ? record : length - write) || !linear && !memory.contains(start, record - (length - write)))
            return Outcome.MASTER_ABORT;
        byte[] bytes = new byte[record];
        bytes[0] = (byte) status;
        bytes[1] = (byte) (status >>> 8);
        bytes[2] = (byte) dataLength;
        bytes[3] = (byte) (dataLength >>> 8);
        System.arraycopy(data, 0, bytes, HEADER, dataLength);
        if (linear) {
            memory.write(start + write, bytes, 0, record);
        } else {
            int first = length - write;
            memory.write(start + write, bytes, 0, first);
            memory.write(start, bytes, first, record - first);
        }
        write = (write + aligned) % length;
        return Outcome.STORED;
    }
}
