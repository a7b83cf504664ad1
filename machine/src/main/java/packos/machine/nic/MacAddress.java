package packos.machine.nic;

import java.util.HexFormat;

/** A 48-bit Ethernet address, written {@code 52:54:00:12:34:56}. */
public record MacAddress(long bits) {
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);

    public MacAddress {
        if ((bits & ~0xFFFF_FFFF_FFFFL) != 0) throw new IllegalArgumentException("a MAC address has 48 bits: " + Long.toHexString(bits));
    }

    public static MacAddress parse(String text) {
        // -1 keeps trailing empty parts, so "52:54:00:12:34:56::" is seven or more parts, not six.
        String[] parts = text.split(":", -1);
        if (parts.length != 6) throw new IllegalArgumentException("MAC address '" + text + "' is not six hex bytes joined by ':'");
        long v = 0;
        for (String p : parts) {
            if (p.length() != 2) throw new IllegalArgumentException("MAC address '" + text + "' has a byte '" + p + "'");
            v = v << 8 | HexFormat.fromHexDigits(p);
        }
        return new MacAddress(v);
    }

    public static MacAddress of(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 6; i++) v = v << 8 | b[off + i] & 0xFF;
        return new MacAddress(v);
    }

    public byte[] bytes() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) b[i] = (byte) (bits >>> 8 * (5 - i));
        return b;
    }

    /** The group bit: the first bit on the wire of the first byte. */
    public boolean isMulticast() { return (bits >>> 40 & 1) != 0; }

    /** The next address, for a second card on the same machine. */
    public MacAddress plus(int n) { return new MacAddress(bits + n & 0xFFFF_FFFF_FFFFL); }

    @Override
    public String toString() {
        var h = HexFormat.ofDelimiter(":");
        return h.formatHex(bytes());
    }
}
