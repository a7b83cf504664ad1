package packos.kernel;

/** An address and a prefix length: "fd00:7e8e::/64". */
public record Prefix(Address address, int length) {
    public Prefix {
        if (length < 0 || length > 128) throw new IllegalArgumentException("prefix length " + length + " is not in 0..128");
        address = mask(address, length);
    }

    public static Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("'" + text + "': expected ADDRESS/LENGTH");
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': prefix length is not a number");
        }
        return new Prefix(Address.parse(text.substring(0, slash)), len);
    }

    public boolean contains(Address a) { return contains(a.high(), a.low()); }

    /** Whether the address with these two halves is in the prefix. */
    public boolean contains(long high, long low) {
        // No allocation: this runs for every packet routed and every packet the KAN carries.
        long hiMask = length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
        long loMask = length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
        return ((high ^ address.high()) & hiMask) == 0 && ((low ^ address.low()) & loMask) == 0;
    }

    private static Address mask(Address a, int len) {
        long hiMask = len >= 64 ? -1L : len == 0 ? 0 : -1L << (64 - len);
        long loMask = len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
        return new Address(a.high() & hiMask, a.low() & loMask);
    }

    @Override
    public String toString() { return address + "/" + length; }
}
