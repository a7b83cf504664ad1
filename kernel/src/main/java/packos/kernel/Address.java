package packos.kernel;

/**
 * An IPv6 address as two longs, so that comparing and hashing never touch an array.
 * On the KAN it is also the link address.
 */
public record Address(long high, long low) implements Comparable<Address> {
    public static final Address UNSPECIFIED = new Address(0, 0);
    public static final Address LOOPBACK = new Address(0, 1);

    /** Parses the RFC 4291 text forms, with "::" compression and an optional trailing IPv4 part. */
    public static Address parse(String text) {
        if (text == null || text.isEmpty()) throw new IllegalArgumentException("empty IPv6 address");
        var groups = new int[8];
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            throw new IllegalArgumentException("'" + text + "': '::' may appear only once");
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] h = groupsOf(text, head);
        int[] t = groupsOf(text, tail);
        if (doubleColon < 0 && h.length != 8) {
            throw new IllegalArgumentException("'" + text + "': expected 8 groups, found " + h.length);
        }
        if (doubleColon >= 0 && h.length + t.length > 7) {
            throw new IllegalArgumentException("'" + text + "': too many groups around '::'");
        }
        System.arraycopy(h, 0, groups, 0, h.length);
        System.arraycopy(t, 0, groups, 8 - t.length, t.length);
        long hi = 0, lo = 0;
        for (int i = 0; i < 4; i++) hi = (hi << 16) | groups[i];
        for (int i = 4; i < 8; i++) lo = (lo << 16) | groups[i];
        return new Address(hi, lo);
    }

    private static int[] groupsOf(String whole, String part) {
        if (part.isEmpty()) return new int[0];
        String[] raw = part.split(":", -1);
        boolean ipv4Tail = raw[raw.length - 1].contains(".");
        int[] out = new int[raw.length + (ipv4Tail ? 1 : 0)];
        for (int i = 0; i < raw.length; i++) {
            String g = raw[i];
            if (ipv4Tail && i == raw.length - 1) {
                String[] octets = g.split("\\.", -1);
                if (octets.length != 4) throw new IllegalArgumentException("'" + whole + "': bad IPv4 part '" + g + "'");
                int[] b = new int[4];
                for (int k = 0; k < 4; k++) {
                    try {
                        b[k] = Integer.parseInt(octets[k]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + whole + "': bad IPv4 octet '" + octets[k] + "'");
                    }
                    if (b[k] < 0 || b[k] > 255 || octets[k].isEmpty() || octets[k].length() > 3) {
                        throw new IllegalArgumentException("'" + whole + "': bad IPv4 octet '" + octets[k] + "'");
                    }
                }
                out[i] = (b[0] << 8) | b[1];
                out[i + 1] = (b[2] << 8) | b[3];
                continue;
            }
            if (g.isEmpty() || g.length() > 4) {
                throw new IllegalArgumentException("'" + whole + "': bad group '" + g + "' (1 to 4 hex digits)");
            }
            int v = 0;
            for (int k = 0; k < g.length(); k++) {
                int d = Character.digit(g.charAt(k), 16);
                if (d < 0) throw new IllegalArgumentException("'" + whole + "': bad hex digit in '" + g + "'");
                v = (v << 4) | d;
            }
            out[i] = v;
        }
        return out;
    }

    public static Address fromBytes(byte[] b, int off) {
        long hi = 0, lo = 0;
        for (int i = 0; i < 8; i++) hi = (hi << 8) | (b[off + i] & 0xff);
        for (int i = 8; i < 16; i++) lo = (lo << 8) | (b[off + i] & 0xff);
        return new Address(hi, lo);
    }

    public void toBytes(byte[] b, int off) {
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (high >>> (56 - 8 * i));
        for (int i = 0; i < 8; i++) b[off + 8 + i] = (byte) (low >>> (56 - 8 * i));
    }

    public byte[] toBytes() {
        var b = new byte[16];
        toBytes(b, 0);
        return b;
    }

    /** Group i (0..7) as an unsigned 16-bit value. */
    public int group(int i) {
        long word = i < 4 ? high : low;
        return (int) (word >>> (48 - 16 * (i & 3))) & 0xffff;
    }

    public boolean isUnspecified() { return high == 0 && low == 0; }

    /** Multicast is ff00::/8 (the original compared a whole word with 255; this tests the first byte). */
    public boolean isMulticast() { return (high >>> 56) == 0xff; }

    public boolean isLinkLocal() { return (high >>> 54) == (0xfe80L >>> 6); }

    /** The address with its low 64 bits replaced: prefix::interfaceId. */
    public Address withInterfaceId(long interfaceId) { return new Address(high, interfaceId); }

    /** RFC 5952 text: lowercase, leading zeros dropped, the longest run of two or more zero groups as "::". */
    @Override
    public String toString() {
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (group(i) == 0) {
                int j = i;
                while (j < 8 && group(j) == 0) j++;
                if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
                i = j;
            } else i++;
        }
        var sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(group(i)));
        }
        return sb.toString();
    }

    /** The original's form: eight full four-digit groups, no compression. */
    public String toFullString() {
        var sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i > 0) sb.append(':');
            String g = Integer.toHexString(group(i));
            sb.append("0".repeat(4 - g.length())).append(g);
        }
        return sb.toString();
    }

    // Written out: the record's generated versions go through method handles, and these two run
    // for every packet the KAN delivers.
    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && a.high == high && a.low == low;
    }

    @Override
    public int hashCode() {
        long h = high * 0x9E3779B97F4A7C15L ^ low;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public int compareTo(Address o) {
        int c = Long.compareUnsigned(high, o.high);
        return c != 0 ? c : Long.compareUnsigned(low, o.low);
    }
}
