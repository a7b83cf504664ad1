package packos.lib.wire;

import packos.kernel.Address;

/** What names the original packet a fragment belongs to (RFC 8200 section 4.5). */
public record FragmentKey(Address source, Address destination, long identification) {}
