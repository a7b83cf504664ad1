package packos.lib.pci;

import static packos.lib.pci.PciProtocol.*;

import packos.kernel.ErrorCode;
import packos.lib.wire.MalformedPacketException;

/** One request to the PCI service; see {@link PciProtocol} for the layout. */
public sealed interface PciRequest {
    int op();

    int requestId();

    /** The {@link PciProtocol#REQUEST_LENGTH} bytes on the wire. */
    default byte[] encode() {
        var b = new byte[REQUEST_LENGTH];
        put32(b, 0, op());
        put32(b, 4, requestId());
        switch (this) {
            case SetFilter f -> {
                put32(b, 8, f.filter().vendor());
                put32(b, 12, f.filter().device());
                put32(b, 16, f.filter().baseClass());
                put32(b, 20, f.filter().subClass());
                put32(b, 24, f.filter().progIf());
            }
            case GetNumDevices g -> { }
            case GetDevice g -> put32(b, 8, g.index());
            case ReserveDevice r -> put32(b, 8, r.index());
            case ReleaseDevice r -> put32(b, 8, r.index());
            case EnableDevice e -> {
                put32(b, 8, e.index());
                put32(b, 12, (e.io() ? ENABLE_IO : 0) | (e.memory() ? ENABLE_MEMORY : 0) | (e.busMaster() ? ENABLE_BUS_MASTER : 0));
            }
        }
        return b;
    }

    record SetFilter(int requestId, PciFilter filter) implements PciRequest {
        public int op() { return SET_FILTER; }
    }

    record GetNumDevices(int requestId) implements PciRequest {
        public int op() { return GET_NUM_DEVICES; }
    }

    record GetDevice(int requestId, int index) implements PciRequest {
        public GetDevice { checkIndex(index); }

        public int op() { return GET_DEVICE; }
    }

    record ReserveDevice(int requestId, int index) implements PciRequest {
        public ReserveDevice { checkIndex(index); }

        public int op() { return RESERVE_DEVICE; }
    }

    record ReleaseDevice(int requestId, int index) implements PciRequest {
        public ReleaseDevice { checkIndex(index); }

        public int op() { return RELEASE_DEVICE; }
    }

    /** Sets the command register's I/O, memory and bus master bits to these values (the others are kept). */
    record EnableDevice(int requestId, int index, boolean io, boolean memory, boolean busMaster) implements PciRequest {
        public EnableDevice { checkIndex(index); }

        public int op() { return ENABLE_DEVICE; }
    }

    private static void checkIndex(int index) {
        if (index < 0) throw new IllegalArgumentException("device index " + Integer.toUnsignedString(index) + " is beyond 2^31-1");
    }

    /** The op field of a request however malformed the rest, for the reply that refuses it. */
    static int opOf(byte[] b) { return b.length >= 4 ? u32(b, 0) : 0; }

    static int requestIdOf(byte[] b) { return b.length >= 8 ? u32(b, 4) : 0; }

    /**
     * Reads a request. Refused with the field named: a length other than {@link PciProtocol#REQUEST_LENGTH},
     * an unknown op, a filter value out of range, an index beyond 2^31-1, unknown enable flags, reserved bytes set.
     */
    static PciRequest decode(byte[] b) throws MalformedPacketException {
        if (b.length != REQUEST_LENGTH) throw new MalformedPacketException("PCI request: " + b.length + " bytes, expected " + REQUEST_LENGTH);
        int op = u32(b, 0), id = u32(b, 4);
        if (!knownOp(op)) throw new MalformedPacketException("PCI request: unknown op " + Integer.toUnsignedString(op) + " (expected 1..6)");
        int bodyUsed = switch (op) {
            case SET_FILTER -> 20;
            case GET_NUM_DEVICES -> 0;
            case ENABLE_DEVICE -> 8;
            default -> 4;
        };
        if (!zeros(b, HEADER + bodyUsed, REQUEST_LENGTH)) throw new MalformedPacketException("PCI request op " + op + ": reserved bytes after " + (HEADER + bodyUsed) + " are not zero");
        int index = u32(b, 8);
        if (op != SET_FILTER && op != GET_NUM_DEVICES && index < 0) {
            throw new MalformedPacketException("PCI request op " + op + ": device index " + Integer.toUnsignedString(index) + " is beyond 2^31-1");
        }
        try {
            return switch (op) {
                case SET_FILTER -> new SetFilter(id, new PciFilter(u32(b, 8), u32(b, 12), u32(b, 16), u32(b, 20), u32(b, 24)));
                case GET_NUM_DEVICES -> new GetNumDevices(id);
                case GET_DEVICE -> new GetDevice(id, index);
                case RESERVE_DEVICE -> new ReserveDevice(id, index);
                case RELEASE_DEVICE -> new ReleaseDevice(id, index);
                default -> {
                    int flags = u32(b, 12);
                    if ((flags & ~(ENABLE_IO | ENABLE_MEMORY | ENABLE_BUS_MASTER)) != 0) {
                        throw new MalformedPacketException("PCI request EnableDevice: unknown flags 0x" + Integer.toHexString(flags & ~7));
                    }
                    yield new EnableDevice(id, index, (flags & ENABLE_IO) != 0, (flags & ENABLE_MEMORY) != 0, (flags & ENABLE_BUS_MASTER) != 0);
                }
            };
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException("PCI request op " + op + ": " + e.getMessage());
        }
    }

    /** The error a refused request is answered with: a request cut short is a protocol error, an unknown op a bad command, anything else a bad argument. */
    static ErrorCode refusal(byte[] b) {
        if (b.length != REQUEST_LENGTH) return ErrorCode.PROTOCOL_ERROR;
        return knownOp(opOf(b)) ? ErrorCode.INVALID_ARGUMENT : ErrorCode.BAD_PROTOCOL_CMD;
    }
}
