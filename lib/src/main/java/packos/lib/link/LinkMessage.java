package packos.lib.link;

import java.util.Arrays;
import java.util.Objects;
import packos.lib.wire.MalformedPacketException;
import packos.machine.nic.MacAddress;

/**
 * One message between a NIC driver (UDP {@link #DRIVER_PORT}) and the process that uses its card
 * (the router): the payload of one UDP datagram, a kind byte then the body.
 * <pre>
 *   ATTACH (1)  user -> driver   empty: send me the frames the card receives, and the link state
 *   LINK   (2)  driver -> user   MAC (6 bytes), MTU (u16), flags (u8, bit 0: link up)
 *   FRAME  (3)  either way       one Ethernet frame without FCS, 14..1514 bytes
 * </pre>
 * A driver answers every ATTACH with LINK and from then on sends each received frame to the
 * attaching address and port (the last ATTACH wins). The user re-sends ATTACH now and then, so a
 * restarted driver learns of it again.
 */
public sealed interface LinkMessage {
    /** The UDP port a NIC driver listens on. */
    int DRIVER_PORT = 4100;
    int ATTACH = 1;
    int LINK = 2;
    int FRAME = 3;
    /** Ethernet II without FCS: 14 header bytes plus up to 1500 of payload. */
    int MIN_FRAME = 14;
    int MAX_FRAME = 1514;

    /** The datagram payload. */
    byte[] encode();

    record Attach() implements LinkMessage {
        @Override
        public byte[] encode() { return new byte[] {ATTACH}; }
    }

    record Link(MacAddress mac, int mtu, boolean up) implements LinkMessage {
        public static final int LENGTH = 1 + 6 + 2 + 1;

        public Link {
            Objects.requireNonNull(mac);
            if (mtu < 1280 || mtu > 65535) throw new IllegalArgumentException("link MTU " + mtu + " is not in 1280..65535");
        }

        @Override
        public byte[] encode() {
            var b = new byte[LENGTH];
            b[0] = LINK;
            mac.toBytes(b, 1);
            b[7] = (byte) (mtu >>> 8);
            b[8] = (byte) mtu;
            b[9] = (byte) (up ? 1 : 0);
            return b;
        }
    }

    /** A frame; {@code bytes} is the frame itself (the message does not copy it). */
    record Frame(byte[] bytes) implements LinkMessage {
        public Frame {
            Objects.requireNonNull(bytes);
            if (bytes.length < MIN_FRAME || bytes.length > MAX_FRAME) {
                throw new IllegalArgumentException("a frame of " + bytes.length + " bytes is not in " + MIN_FRAME + ".." + MAX_FRAME);
            }
        }

        @Override
        public byte[] encode() {
            var b = new byte[1 + bytes.length];
            b[0] = FRAME;
            System.arraycopy(bytes, 0, b, 1, bytes.length);
            return b;
        }

        @Override
        public boolean equals(Object o) { return o instanceof Frame f && Arrays.equals(bytes, f.bytes); }

        @Override
        public int hashCode() { return Arrays.hashCode(bytes); }

        @Override
        public String toString() { return "Frame[" + bytes.length + " bytes]"; }
    }

    /** Reads a datagram payload; anything else than the three well-formed messages is refused with the reason. */
    static LinkMessage decode(byte[] data) throws MalformedPacketException {
        if (data.length == 0) throw new MalformedPacketException("link message: empty, no kind byte");
        int body = data.length - 1;
        return switch (data[0]) {
            case ATTACH -> {
                if (body != 0) throw new MalformedPacketException("link ATTACH: " + body + " body bytes, expected none");
                yield new Attach();
            }
            case LINK -> {
                if (data.length != Link.LENGTH) throw new MalformedPacketException("link LINK: " + data.length + " bytes, expected " + Link.LENGTH);
                int mtu = (data[7] & 0xff) << 8 | data[8] & 0xff;
                if (mtu < 1280) throw new MalformedPacketException("link LINK: MTU " + mtu + " is below IPv6's 1280");
                if ((data[9] & 0xfe) != 0) throw new MalformedPacketException("link LINK: unknown flags 0x" + Integer.toHexString(data[9] & 0xfe));
                yield new Link(MacAddress.of(data, 1), mtu, (data[9] & 1) != 0);
            }
            case FRAME -> {
                if (body < MIN_FRAME || body > MAX_FRAME) {
                    throw new MalformedPacketException("link FRAME: " + body + " frame bytes, not in " + MIN_FRAME + ".." + MAX_FRAME);
                }
                yield new Frame(Arrays.copyOfRange(data, 1, data.length));
            }
            default -> throw new MalformedPacketException("link message: unknown kind " + (data[0] & 0xff));
        };
    }
}
