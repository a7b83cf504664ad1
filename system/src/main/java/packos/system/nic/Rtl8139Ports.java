package packos.system.nic;

/** The RTL8139's registers as offsets from its I/O BAR, and their bits (Realtek RTL8139(A/B) datasheet, section 6). */
final class Rtl8139Ports {
    private Rtl8139Ports() {}

    static final int IDR0 = 0x00, MAR0 = 0x08, MAR4 = 0x0C, TSD0 = 0x10, TSAD0 = 0x20, RBSTART = 0x30, CR = 0x37, CAPR = 0x38, CBR = 0x3A, IMR = 0x3C, ISR = 0x3E,
            TCR = 0x40, RCR = 0x44, MPC = 0x4C, MSR = 0x58;
    static final int CR_RST = 0x10, CR_RE = 0x08, CR_TE = 0x04, CR_BUFE = 0x01;
    static final int INT_ROK = 0x0001, INT_RER = 0x0002, INT_TOK = 0x0004, INT_TER = 0x0008, INT_RXOVW = 0x0010, INT_FOVW = 0x0040,
            INT_SERR = 0x8000;
    /** What the driver handles: receive OK and error, transmit OK and error, ring and FIFO overflow. */
    static final int INTERRUPTS = INT_ROK | INT_RER | INT_TOK | INT_TER | INT_RXOVW | INT_FOVW;
    static final int TSD_OWN = 0x2000, TSD_TUN = 0x4000, TSD_TOK = 0x8000, TSD_TABT = 0x4000_0000;
    /**
     * RCR: accept physical match, multicast and broadcast; no WRAP: records wrap to the ring's
     * start. RBLEN 11 asks for the largest ring, 64 KiB: an 8 KiB ring holds five full frames, and a
     * host relaying a TCP window of ten or more at once overflowed it (58 retransmissions in a 1 MB
     * read from a 9P server on the host).
     */
    static final int RCR_APM = 0x02, RCR_AM = 0x04, RCR_AB = 0x08, RCR_RBLEN_64K = 0x1800;
    /** The ring header's status: receive OK, and the error bits (frame alignment, CRC, long, runt, invalid symbol). */
    static final int RX_ROK = 0x0001, RX_ERRORS = 0x003E;
    static final int MSR_LINKB = 0x04;
    /** CAPR is written 16 below the driver's real read offset: the chip's quirk, as Linux's 8139too writes it. */
    static final int CAPR_BIAS = 16;
}
