package packos.lib.wire;

import java.util.ArrayList;
import java.util.List;
import packos.kernel.Packet;
import packos.machine.nic.MacAddress;

/** Reads and writes the option TLVs that follow a Neighbor Discovery message's fixed part. */
final class NdpOptions {
    private NdpOptions() {}

    private static final int LINK_LAYER_UNITS = 1;
    private static final int PREFIX_INFORMATION_UNITS = 4;
    private static final int MTU_UNITS = 1;

    /** The options in {@code [offset, end)}; {@code message} names the message in errors. */
    static List<NdpOption> parse(Packet p, int offset, int end, String message) throws MalformedPacketException {
        var options = new ArrayList<NdpOption>();
        int at = offset;
        while (at < end) {
            if (end - at < 2) {
                throw new MalformedPacketException(message + ": " + (end - at) + " byte(s) after the last option hold no type and length");
            }
            int type = p.u8(at);
            int units = p.u8(at + 1);
            String option = message + " option type " + type;
            // RFC 4861 section 4.6: a zero length would loop forever, and the whole message is discarded.
            if (units == 0) throw new MalformedPacketException(option + ": length field 0 is invalid (RFC 4861 section 4.6)");
            int length = 8 * units;
            if (length > end - at) {
                throw new MalformedPacketException(option + ": length field " + units + " (" + length + " bytes) runs past the "
                        + (end - at) + " bytes left in the message");
            }
            options.add(switch (type) {
                case NdpOption.SOURCE_LINK_LAYER_ADDRESS -> new NdpOption.SourceLinkLayerAddress(linkLayer(p, at, units, option));
                case NdpOption.TARGET_LINK_LAYER_ADDRESS -> new NdpOption.TargetLinkLayerAddress(linkLayer(p, at, units, option));
                case NdpOption.PREFIX_INFORMATION -> prefixInformation(p, at, units, option);
                case NdpOption.MTU -> {
                    expectUnits(units, MTU_UNITS, option);
                    yield new NdpOption.Mtu(p.u32(at + 4));
                }
                case NdpOption.REDIRECTED_HEADER -> new NdpOption.RedirectedHeader(units, at + 8, length - 8);
                default -> new NdpOption.Unrecognized(type, units);
            });
            at += length;
        }
        return List.copyOf(options);
    }

    /** RFC 2464 section 6: on Ethernet the option is 8 bytes, the MAC address right after type and length. */
    private static MacAddress linkLayer(Packet p, int at, int units, String option) throws MalformedPacketException {
        expectUnits(units, LINK_LAYER_UNITS, option);
        return MacField.read(p, at + 2);
    }

    private static NdpOption prefixInformation(Packet p, int at, int units, String option) throws MalformedPacketException {
        expectUnits(units, PREFIX_INFORMATION_UNITS, option);
        int prefixLength = p.u8(at + 2);
        if (prefixLength > 128) throw new MalformedPacketException(option + ": prefix length field " + prefixLength + " exceeds 128");
        int flags = p.u8(at + 3);
        return new NdpOption.PrefixInformation(prefixLength, (flags & NdpOption.PrefixInformation.ON_LINK_FLAG) != 0,
                (flags & NdpOption.PrefixInformation.AUTONOMOUS_FLAG) != 0, p.u32(at + 4), p.u32(at + 8), p.address(at + 16));
    }

    private static void expectUnits(int units, int expected, String option) throws MalformedPacketException {
        if (units != expected) {
            throw new MalformedPacketException(option + ": length field " + units + " is not the " + expected + " this option has");
        }
    }

    static int length(List<NdpOption> options) {
        int length = 0;
        for (var o : options) length += o.length();
        return length;
    }

    static void write(Packet p, int offset, List<NdpOption> options) {
        int at = offset;
        for (var o : options) {
            o.write(p, at);
            at += o.length();
        }
    }
}
