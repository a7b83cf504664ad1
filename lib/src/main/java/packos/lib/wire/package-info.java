/**
 * IPv6 wire formats as typed views over a {@link packos.kernel.Packet}: each view's {@code check}
 * rejects short or malformed input with a {@link packos.lib.wire.MalformedPacketException} naming
 * the header and field, its getters and setters work field by field, and {@code emit} writes it.
 * {@link packos.lib.wire.ExtensionHeaders#walk} decides RFC 8200's drop-or-answer rules and returns
 * them as a {@link packos.lib.wire.HeaderChain}; {@link packos.lib.wire.FragmentReassembler} puts
 * fragments back together; {@link packos.lib.wire.ErrorPolicy} says when an ICMPv6 error may be
 * sent. {@link packos.lib.wire.EthernetFrame} is the link below IPv6, its addresses the machine's
 * {@link packos.machine.nic.MacAddress}, mapped from IPv6 by {@link packos.lib.wire.Ipv6Multicast#mac}
 * and {@link packos.lib.wire.Eui64}; {@link packos.lib.wire.Ndp} checks Neighbor Discovery messages (RFC 4861) into
 * the views of {@link packos.lib.wire.NdpMessage}. Nothing here throws an unchecked exception on received bytes, and nothing holds mutable
 * static state: library code is shared between processes.
 */
package packos.lib.wire;
