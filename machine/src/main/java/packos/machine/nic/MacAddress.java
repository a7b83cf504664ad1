package packos.machine.nic;

/**
 * An IEEE 802 MAC-48 address held in the low 48 bits of a long, so that it compares and hashes
 * without an array and may be a shared constant. The one MAC type of PackOS: the card's EEPROM
 * holds one, the boot config names one, and the network library's frames and Neighbor Discovery
 * carry them. It lives here, at the bottom of the layers, so that every layer above sees the same
 * class; what maps IPv6 onto it (multicast groups, EUI-64 identifiers, its place in a packet) is
 * the library's ({@code packos.lib.wire}), since the machine knows nothing of IPv6.
 */
public record MacAddress(long bits) {
    public static final int LENGTH = 6;
    private static final long MASK = 0xffff_ffff_ffffL;
    public static final MacAddress BROADCAST = new MacAddress(MASK);
    public static final MacAddress ZERO = new MacAddress(0);

    /** The individual/group bit: the least significant bit of the first octet (IEEE 802 section 8.2). */
    private static final long GROUP_BIT = 0x01_00_00_00_00_00L;
    /** The universal/local bit. */
    public static final long LOCAL_BIT = 0x02_00_00_00_00_00L;

    public MacAddress {
        if ((bits & ~MASK) != 0) throw new IllegalArgumentException(String.format("MAC address 0x%x has more than 48 bits", bits));
    }

    public static MacAddress of(byte[] b, int off) {
        long bits = 0;
        for (int i = 0; i < LENGTH; i++) bits = (bits << 8) | (b[off + i] & 0xff);
        return new MacAddress(bits);
    }

    public void toBytes(byte[] b, int off) {
        for (int i = 0; i < LENGTH; i++) b[off + i] = (byte) (bits >>> (40 - 8 * i));
    }

    public byte[] toBytes() {
        var b = new byte[LENGTH];
        toBytes(b, 0);
        return b;
    }

    /** Parses six two-digit hex octets separated by colons or hyphens, as {@code ip link} and Windows print them. */
    public static MacAddress parse(String text) {
        if (text == null || text.length() != 17) throw new IllegalArgumentException("'" + text + "' is not a MAC address like 52:54:00:12:34:56");
        char separator = text.charAt(2);
        if (separator != ':' && separator != '-') throw new IllegalArgumentException("'" + text + "': octets are separated by ':' or '-'");
        long bits = 0;
        for (int i = 0; i < LENGTH; i++) {
            int at = 3 * i;
            if (i > 0 && text.charAt(at - 1) != separator) {
                throw new IllegalArgumentException("'" + text + "': separator expected before octet " + (i + 1));
            }
            // ASCII hex only: Character.digit also takes other scripts' digits, such as a fullwidth '５'.
            int hi = asciiHexDigit(text.charAt(at)), lo = asciiHexDigit(text.charAt(at + 1));
            if (hi < 0 || lo < 0) throw new IllegalArgumentException("'" + text + "': octet " + (i + 1) + " is not two hex digits");
            bits = (bits << 8) | (hi << 4) | lo;
        }
        return new MacAddress(bits);
    }

    private static int asciiHexDigit(char c) { return c < 0x80 ? Character.digit(c, 16) : -1; }

    /** Group addresses (multicast and broadcast) may be destinations only, never a frame's source. */
    public boolean isMulticast() { return (bits & GROUP_BIT) != 0; }

    public boolean isBroadcast() { return bits == MASK; }

    public boolean isUnicast() { return !isMulticast(); }

    public boolean isLocallyAdministered() { return (bits & LOCAL_BIT) != 0; }

    @Override
    public String toString() {
        var sb = new StringBuilder(17);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0) sb.append(':');
            int octet = (int) (bits >>> (40 - 8 * i)) & 0xff;
            sb.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xf, 16));
        }
        return sb.toString();
    }
}
