package packos.lib.pci;

/**
 * The PCI service's protocol on TCP {@link #PORT}: fixed-size requests and replies in network
 * byte order, one reply per request, in order. The op numbers are the original's, plus Enable.
 * <pre>
 * request (28 bytes)  op u32 | requestId u32 | body (20 bytes)
 *   1 SetFilter       vendor i32, device i32, baseClass i32, subClass i32, progIf i32 (-1 = any)
 *   2 GetNumDevices   zeros
 *   3 GetDevice       index u32, zeros       (the index-th device that passes the filter)
 *   4 ReserveDevice   index u32, zeros
 *   5 ReleaseDevice   index u32, zeros
 *   6 EnableDevice    index u32, flags u32 (bit 0 I/O, bit 1 memory, bit 2 bus master), zeros
 * reply (144 bytes)   op u32 | requestId u32 | error u32 (ErrorCode number) | body (132 bytes)
 *   GetNumDevices: count u32; GetDevice: the device ({@link PciDevice#LENGTH} bytes);
 *   Reserve/Release/Enable: granted u8; SetFilter and every error: zeros
 * </pre>
 */
public final class PciProtocol {
    private PciProtocol() {}

    public static final int PORT = 2000;
    public static final int SET_FILTER = 1, GET_NUM_DEVICES = 2, GET_DEVICE = 3, RESERVE_DEVICE = 4, RELEASE_DEVICE = 5, ENABLE_DEVICE = 6;
    public static final int HEADER = 8, REQUEST_BODY = 20, REQUEST_LENGTH = HEADER + REQUEST_BODY;
    public static final int REPLY_HEADER = 12, REPLY_BODY = PciDevice.LENGTH, REPLY_LENGTH = REPLY_HEADER + REPLY_BODY;
    /** In a filter: match any value. */
    public static final int ANY = -1;
    /** EnableDevice flags: the command register's I/O space, memory space and bus master bits. */
    public static final int ENABLE_IO = 1, ENABLE_MEMORY = 2, ENABLE_BUS_MASTER = 4;

    static boolean knownOp(int op) { return op >= SET_FILTER && op <= ENABLE_DEVICE; }

    static int u32(byte[] b, int o) { return (b[o] & 0xFF) << 24 | (b[o + 1] & 0xFF) << 16 | (b[o + 2] & 0xFF) << 8 | b[o + 3] & 0xFF; }

    static int u16(byte[] b, int o) { return (b[o] & 0xFF) << 8 | b[o + 1] & 0xFF; }

    static void put32(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }

    static void put16(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
    }

    /** Whether {@code b[from, to)} is all zero: reserved bytes a peer must not fill. */
    static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }
}
