package packos.lib.wire;

import packos.kernel.Address;
import packos.machine.nic.MacAddress;

/**
 * The modified EUI-64 interface identifier of an Ethernet card (RFC 4291 Appendix A, RFC 2464
 * section 4), and the link-local address it gives (RFC 2464 section 5, RFC 4862 section 5.3).
 */
public final class Eui64 {
    private Eui64() {}

    /** ff:fe inserted between the MAC's third and fourth octets, and the universal/local bit inverted. */
    public static long interfaceId(MacAddress mac) {
        long oui = mac.bits() >>> 24, nic = mac.bits() & 0xff_ffffL;
        long eui64 = (oui << 40) | (0xfffeL << 24) | nic;
        return eui64 ^ (MacAddress.LOCAL_BIT << 16);
    }

    /** fe80::/64 plus the interface identifier. */
    public static Address linkLocal(MacAddress mac) { return new Address(0xfe80L << 48, interfaceId(mac)); }
}
