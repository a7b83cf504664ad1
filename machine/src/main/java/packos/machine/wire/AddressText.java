package packos.machine.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Addresses as a wire spec writes them: {@code [::1]:7000}, {@code 127.0.0.1:7000}. Literals
 * only: a wire spec never waits on a name lookup, and never means something different
 * tomorrow because DNS changed.
 */
final class AddressText {
    private AddressText() {}

    /** An IPv6 literal (without brackets) or an IPv4 dotted quad; null when {@code text} is neither. */
    static InetAddress literal(String text) {
        // Inet4Address.ofLiteral also takes "127.1" and the like; a spec wants all four parts.
        if (text.indexOf(':') < 0 && !text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) return null;
        try {
            return text.indexOf(':') >= 0 ? Inet6Address.ofLiteral(text) : Inet4Address.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code [2001:db8::1]:7000} for IPv6 (RFC 5952 text), {@code 192.0.2.1:7000} for IPv4. */
    static String format(InetSocketAddress address) {
        return format(address.getAddress(), true) + ":" + address.getPort();
    }

    static String format(InetAddress address, boolean bracketed) {
        if (!(address instanceof Inet6Address v6)) return address.getHostAddress();
        var text = compress(v6.getAddress());
        if (v6.getScopedInterface() != null) text += "%" + v6.getScopedInterface().getName();
        else if (v6.getScopeId() != 0) text += "%" + v6.getScopeId();
        return bracketed ? "[" + text + "]" : text;
    }

    /** RFC 5952: lowercase, no leading zeros, the longest run of two or more zero groups as "::" (the first if tied). */
    private static String compress(byte[] bytes) {
        var groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        int bestStart = -1, bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLength) { bestStart = i; bestLength = j - i; }
            i = j;
        }
        var text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') text.append(':');
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
