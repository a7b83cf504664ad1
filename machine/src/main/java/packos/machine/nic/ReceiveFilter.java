package packos.machine.nic;

import static packos.machine.nic.Rtl8139Registers.*;

/**
 * Which frames the receiver takes, by the RCR accept bits: its own address (APM), broadcast
 * (AB), multicast whose hash bit is set in MAR0-7 (AM), or everything (AAP). The answer is the
 * header status bits that say why a frame was taken, or 0 to drop it.
 */
final class ReceiveFilter {
    private ReceiveFilter() { }

    static int match(byte[] frame, int rcr, byte[] mac, byte[] mar) {
        boolean broadcast = true, own = true;
        for (int i = 0; i < 6; i++) {
            broadcast &= frame[i] == (byte) 0xFF;
            own &= frame[i] == mac[i];
        }
        if (broadcast) return (rcr & (RCR_AB | RCR_AAP)) != 0 ? RX_BAR : 0;
        if ((frame[0] & 1) != 0) {
            int bit = hashBit(frame);
            boolean hashed = (mar[bit >>> 3] & 1 << (bit & 7)) != 0;
            return (rcr & RCR_AAP) != 0 || (rcr & RCR_AM) != 0 && hashed ? RX_MAR : 0;
        }
        if (own && (rcr & (RCR_APM | RCR_AAP)) != 0) return RX_PAM;
        return (rcr & RCR_AAP) != 0 ? RX_ROK : 0;
    }

    /**
     * The multicast hash: the top six bits of the big-endian CRC-32 of the destination address
     * (Linux's {@code ether_crc(6, addr) >> 26}), an index into the 64 bits of MAR0-7.
     */
    static int hashBit(byte[] destination) {
        int crc = -1;
        for (int i = 0; i < 6; i++) {
            int b = destination[i];
            for (int bit = 0; bit < 8; bit++, b >>= 1)
                crc = ((crc >>> 31) ^ (b & 1)) != 0 ? crc << 1 ^ 0x04C1_1DB7 : crc << 1;
        }
        return crc >>> 26;
    }
}
