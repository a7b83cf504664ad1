package packos.lib.pci;

import static packos.lib.pci.PciProtocol.*;

import java.util.Objects;
import packos.kernel.ErrorCode;
import packos.lib.wire.MalformedPacketException;

/**
 * The answer to one request: its op and requestId echoed, an error ({@link ErrorCode#NONE} on
 * success) and a body that depends on the op. An error reply has an {@link Empty} body.
 */
public record PciReply(int op, int requestId, ErrorCode error, Body body) {
    public sealed interface Body { }

    /** SetFilter's answer, and every error's. */
    public record Empty() implements Body { }

    /** GetNumDevices: how many devices pass the connection's filter. */
    public record Count(int devices) implements Body {
        public Count { if (devices < 0) throw new IllegalArgumentException("device count " + devices + " is negative"); }
    }

    public record Device(PciDevice device) implements Body {
        public Device { Objects.requireNonNull(device); }
    }

    /** Reserve, Release and Enable: whether it was done. */
    public record Granted(boolean granted) implements Body { }

    public PciReply {
        Objects.requireNonNull(error);
        Objects.requireNonNull(body);
        var expected = error != ErrorCode.NONE ? Empty.class : bodyFor(op);
        if (body.getClass() != expected) throw new IllegalArgumentException("op " + op + " with error " + error + " has a " + expected.getSimpleName() + " body, not " + body);
    }

    /** An error answer to {@code op} and {@code requestId}, whatever they were. */
    public static PciReply refused(int op, int requestId, ErrorCode error) {
        if (error == ErrorCode.NONE) throw new IllegalArgumentException("a refusal needs an error");
        return new PciReply(op, requestId, error, new Empty());
    }

    private static Class<? extends Body> bodyFor(int op) {
        return switch (op) {
            case GET_NUM_DEVICES -> Count.class;
            case GET_DEVICE -> Device.class;
            case RESERVE_DEVICE, RELEASE_DEVICE, ENABLE_DEVICE -> Granted.class;
            default -> Empty.class;
        };
    }

    public byte[] encode() {
        var b = new byte[REPLY_LENGTH];
        put32(b, 0, op);
        put32(b, 4, requestId);
        put32(b, 8, error.number());
        switch (body) {
            case Empty e -> { }
            case Count c -> put32(b, REPLY_HEADER, c.devices());
            case Device d -> d.device().encode(b, REPLY_HEADER);
            case Granted g -> b[REPLY_HEADER] = (byte) (g.granted() ? 1 : 0);
        }
        return b;
    }

    /** Reads a reply; the length, an unknown error number, a body that does not fit the op, or reserved bytes set are named. */
    public static PciReply decode(byte[] b) throws MalformedPacketException {
        if (b.length != REPLY_LENGTH) throw new MalformedPacketException("PCI reply: " + b.length + " bytes, expected " + REPLY_LENGTH);
        int op = u32(b, 0), id = u32(b, 4), number = u32(b, 8);
        ErrorCode error;
        try {
            error = ErrorCode.fromNumber(number);
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException("PCI reply: unknown error number " + Integer.toUnsignedString(number));
        }
        var kind = error != ErrorCode.NONE ? Empty.class : bodyFor(op);
        int used = kind == Count.class ? 4 : kind == Device.class ? PciDevice.LENGTH : kind == Granted.class ? 1 : 0;
        if (!zeros(b, REPLY_HEADER + used, REPLY_LENGTH)) throw new MalformedPacketException("PCI reply op " + op + ": body bytes after " + used + " are not zero");
        Body body;
        if (kind == Count.class) {
            int n = u32(b, REPLY_HEADER);
            if (n < 0) throw new MalformedPacketException("PCI reply: device count " + Integer.toUnsignedString(n) + " is beyond 2^31-1");
            body = new Count(n);
        } else if (kind == Device.class) {
            body = new Device(PciDevice.decode(b, REPLY_HEADER));
        } else if (kind == Granted.class) {
            int g = b[REPLY_HEADER] & 0xFF;
            if (g > 1) throw new MalformedPacketException("PCI reply: granted flag " + g + " is not 0 or 1");
            body = new Granted(g == 1);
        } else {
            body = new Empty();
        }
        return new PciReply(op, id, error, body);
    }
}
