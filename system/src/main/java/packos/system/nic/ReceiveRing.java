package packos.system.nic;

import static packos.system.nic.Rtl8139Ports.*;

import java.util.function.Consumer;
import packos.lib.link.LinkMessage;

/**
 * The driver's side of the receive ring: a 64 KiB ring in RAM (RCR's RBLEN, see Rtl8139Ports) that the card fills by DMA, each
 * record a 4-byte header (status, then the length with the 4-byte CRC) and the frame, the next
 * record on a dword boundary. Without RCR.WRAP a record that reaches the end goes on at the
 * ring's start, so a frame may come in two pieces. After each record the read offset goes to
 * CAPR (16 below it, the chip's quirk), which frees the space for the card.
 */
final class ReceiveRing {
    static final int LENGTH = 65536;
    private static final int HEADER = 4, CRC = 4;

    private final Rtl8139Card card;
    private final long base;
    private final DriverCounters counters;
    private int offset;

    /** Sets aside the ring in RAM (16 bytes more than the ring, as the datasheet asks) and points the card at it. */
    ReceiveRing(Rtl8139Card card, DriverCounters counters) {
        this.card = card;
        this.counters = counters;
        this.base = card.devices().allocate(LENGTH + 16, 16);
        card.write32(RBSTART, (int) base);
        card.write16(CAPR, offset - CAPR_BIAS);
    }

    /**
     * Hands every complete frame in the ring to {@code deliver}, oldest first. A header that is not
     * a good frame (error bits, no ROK, a length that is no Ethernet frame) means the ring cannot
     * be trusted past it: it is counted and everything the card has written so far is skipped.
     */
    void drain(Consumer<byte[]> deliver) {
        while ((card.read8(CR) & CR_BUFE) == 0) {
            var head = new byte[HEADER];
            card.devices().ramRead(base + offset, head, 0, HEADER);
            int status = head[0] & 0xFF | (head[1] & 0xFF) << 8;
            int length = head[2] & 0xFF | (head[3] & 0xFF) << 8;
            int frameLength = length - CRC;
            if ((status & RX_ROK) == 0 || (status & RX_ERRORS) != 0 || frameLength < LinkMessage.MIN_FRAME || frameLength > LinkMessage.MAX_FRAME) {
                counters.rxBadHeader++;
                offset = card.read16(CBR) % LENGTH;
                card.write16(CAPR, offset - CAPR_BIAS);
                return;
            }
            var frame = new byte[frameLength];
            int start = (offset + HEADER) % LENGTH;
            int first = Math.min(frameLength, LENGTH - start);
            card.devices().ramRead(base + start, frame, 0, first);
            if (first < frameLength) card.devices().ramRead(base, frame, first, frameLength - first);
            offset = (offset + HEADER + length + 3 & ~3) % LENGTH;
            card.write16(CAPR, offset - CAPR_BIAS);
            counters.framesIn++;
            deliver.accept(frame);
        }
    }
}
