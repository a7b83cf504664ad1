package packos.machine.nic;

import static packos.machine.nic.Rtl8139Registers.*;

/**
 * One of the four transmit descriptors: TSADn holds the buffer's physical address, TSDn its
 * size and status. The driver starts a transmission by writing the size with OWN clear; the chip
 * sets OWN when it has copied the buffer and TOK (or TABT) when the frame has left. After reset
 * each descriptor has OWN set: free for the driver.
 */
final class TransmitDescriptor {
    private int status = TSD_OWN;
    private int address;

    void reset() {
        status = TSD_OWN;
        address = 0;
    }

    int status() { return status; }

    int address() { return address; }

    void address(int value) { address = value; }

    /** Stores what the driver wrote; true when it hands the buffer to the chip (OWN clear). */
    boolean write(int value) {
        status = value & (TSD_SIZE | TSD_ERTXTH | TSD_OWN);
        return (status & TSD_OWN) == 0;
    }

    int size() { return status & TSD_SIZE; }

    /** The buffer is in the chip: the driver may reuse it. */
    void copied() { status |= TSD_OWN; }

    void finished(boolean sent) { status |= TSD_OWN | (sent ? TSD_TOK : TSD_TABT); }
}
