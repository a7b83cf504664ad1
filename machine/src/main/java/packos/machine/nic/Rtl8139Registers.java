package packos.machine.nic;

/**
 * Offsets and bits of the RTL8139's operational registers (Realtek RTL8139(A/B) datasheet,
 * section 6, "Register Descriptions"), the same through the I/O BAR and the memory BAR.
 */
public final class Rtl8139Registers {
    private Rtl8139Registers() { }

    public static final int IDR0 = 0x00, MAR0 = 0x08, TSD0 = 0x10, TSAD0 = 0x20, RBSTART = 0x30, ERBCR = 0x34, ERSR = 0x36,
            CR = 0x37, CAPR = 0x38, CBR = 0x3A, IMR = 0x3C, ISR = 0x3E, TCR = 0x40, RCR = 0x44, TCTR = 0x48, MPC = 0x4C,
            CR9346 = 0x50, CONFIG0 = 0x51, CONFIG1 = 0x52, TIMER_INT = 0x54, MSR = 0x58, CONFIG3 = 0x59, CONFIG4 = 0x5A,
            MULINT = 0x5C, RERID = 0x5E, TSAD = 0x60, BMCR = 0x62, BMSR = 0x64, ANAR = 0x66, ANLPAR = 0x68, ANER = 0x6A;

    /** CR: reset, receiver enable, transmitter enable, receive buffer empty (read-only). */
    public static final int CR_RST = 0x10, CR_RE = 0x08, CR_TE = 0x04, CR_BUFE = 0x01;

    /** ISR and IMR bits. */
    public static final int INT_ROK = 0x0001, INT_RER = 0x0002, INT_TOK = 0x0004, INT_TER = 0x0008, INT_RXOVW = 0x0010,
            INT_LINK_CHANGE = 0x0020, INT_FOVW = 0x0040, INT_LEN_CHANGE = 0x2000, INT_TIMEOUT = 0x4000, INT_SERR = 0x8000;
    static final int INT_ALL = 0xE07F;

    /** TSD: size in bits 12:0, OWN (DMA to the FIFO done), TUN, TOK, early threshold, abort, carrier lost. */
    public static final int TSD_SIZE = 0x1FFF, TSD_OWN = 0x2000, TSD_TUN = 0x4000, TSD_TOK = 0x8000,
            TSD_ERTXTH = 0x3F_0000, TSD_TABT = 0x4000_0000, TSD_CRS = 0x8000_0000;

    /** RCR: accept all physical, physical match, multicast, broadcast, runt, error; WRAP; buffer length in bits 12:11. */
    public static final int RCR_AAP = 0x01, RCR_APM = 0x02, RCR_AM = 0x04, RCR_AB = 0x08, RCR_AR = 0x10, RCR_AER = 0x20,
            RCR_WRAP = 0x80, RCR_RBLEN_SHIFT = 11, RCR_RBLEN = 0x1800;

    /** The 16-bit status word of the header the chip writes before each received frame. */
    public static final int RX_ROK = 0x0001, RX_BAR = 0x2000, RX_PAM = 0x4000, RX_MAR = 0x8000;

    /** TCR bits 30:26 and 23:22 name the chip: 1,0,0,0,0,0,0 is the plain RTL8139 (Linux's 8139too table). */
    public static final int TCR_HWVERID = 0x4000_0000;
    static final int TCR_HWVERID_MASK = 0x7CC0_0000;

    /** 93C46 command register: bits 7:6 = 11 unlock CONFIG0-4 for writing. */
    public static final int CR9346_CONFIG_WRITE = 0xC0;

    /** MSR bit 2 LINKB is the inverse of link status; bit 3 set means 10 Mbps. */
    public static final int MSR_LINKB = 0x04, MSR_SPEED_10 = 0x08;

    /** BMCR: reset, 100 Mbps, auto-negotiation enable, restart auto-negotiation, full duplex. */
    public static final int BMCR_RESET = 0x8000, BMCR_SPEED_100 = 0x2000, BMCR_ANE = 0x1000, BMCR_RESTART_AN = 0x0200, BMCR_DUPLEX = 0x0100;

    /** BMSR: 100/10 half and full duplex able, auto-negotiation able and complete, link up, extended registers. */
    public static final int BMSR_ABILITIES = 0x7809, BMSR_AN_COMPLETE = 0x0020, BMSR_LINK = 0x0004;
}
