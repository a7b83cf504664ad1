package packos.system.nic;

import static packos.system.nic.Rtl8139Ports.*;

import java.util.ArrayDeque;

/**
 * The four transmit descriptors, used in turn as the chip requires, each with a buffer in RAM,
 * and a bounded queue for frames that come while all four are busy. A descriptor is busy from the
 * moment its size is written until the interrupt handler sees it finished (TOK, or TUN/TABT).
 */
final class TransmitRing {
    static final int DESCRIPTORS = 4, BUFFER = 1536, QUEUE_LIMIT = 512;
    /** Ethernet's minimum frame without FCS: shorter ones are padded with zeros, as Linux's 8139too pads them. */
    static final int MIN_FRAME = 60;

    private final Rtl8139Card card;
    private final DriverCounters counters;
    private final long[] buffers = new long[DESCRIPTORS];
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    /** Descriptors started and descriptors seen finished, counted for ever: busy = started - finished. */
    private long started, finished;

    TransmitRing(Rtl8139Card card, DriverCounters counters) {
        this.card = card;
        this.counters = counters;
        for (int d = 0; d < DESCRIPTORS; d++) {
            buffers[d] = card.devices().allocate(BUFFER, 16);
            card.write32(TSAD0 + 4 * d, (int) buffers[d]);
        }
    }

    int busy() { return (int) (started - finished); }

    int queued() { return queue.size(); }

    /** Starts the frame now if a descriptor is free, else queues it; over the bound it is dropped and counted. */
    void send(byte[] frame) {
        if (busy() < DESCRIPTORS) {
            start(frame);
        } else if (queue.size() < QUEUE_LIMIT) {
            queue.add(frame);
            counters.framesQueued++;
        } else {
            counters.txQueueFull++;
        }
    }

    /** Takes back the descriptors the chip has finished with, in order, and starts queued frames on them. */
    void reclaim() {
        while (busy() > 0) {
            int d = (int) (finished % DESCRIPTORS);
            int status = card.read32(TSD0 + 4 * d);
            if ((status & (TSD_TOK | TSD_TUN | TSD_TABT)) == 0) break;
            if ((status & TSD_TOK) != 0) counters.framesOut++;
            else counters.txErrors++;
            finished++;
        }
        while (busy() < DESCRIPTORS && !queue.isEmpty()) start(queue.poll());
    }

    private void start(byte[] frame) {
        int d = (int) (started % DESCRIPTORS);
        int length = Math.max(frame.length, MIN_FRAME);
        byte[] padded = frame.length >= MIN_FRAME ? frame : java.util.Arrays.copyOf(frame, MIN_FRAME);
        card.devices().ramWrite(buffers[d], padded, 0, length);
        started++;
        // Size with OWN clear hands the buffer to the chip; early-transmit threshold 0 (8 bytes).
        card.write32(TSD0 + 4 * d, length);
    }
}
