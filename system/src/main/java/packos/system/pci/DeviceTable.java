package packos.system.pci;

import java.util.ArrayList;
import java.util.List;
import packos.kernel.Address;
import packos.kernel.ErrorCode;
import packos.lib.pci.PciDevice;
import packos.lib.pci.PciFilter;
import packos.lib.pci.PciReply;
import packos.lib.pci.PciRequest;
import packos.system.pci.ConfigMechanism1.Location;

/**
 * The devices the scan found and who holds each: what the protocol's requests read and change.
 * A device is named by its index among those a connection's filter passes.
 */
final class DeviceTable {
    private static final int COMMAND = ConfigRegisters.COMMAND;
    private static final int DECODE_BITS = ConfigRegisters.COMMAND_IO | ConfigRegisters.COMMAND_MEMORY | ConfigRegisters.COMMAND_BUS_MASTER;

    private final ConfigMechanism1 config;
    private final List<PciDevice> devices;

    DeviceTable(ConfigMechanism1 config, List<PciDevice> devices) {
        this.config = config;
        this.devices = new ArrayList<>(devices);
    }

    List<PciDevice> all() { return List.copyOf(devices); }

    /**
     * Answers one well-formed request from {@code client} (its TCP peer address); the filter is the
     * connection's and SetFilter is the connection's own business, answered by the caller.
     */
    PciReply answer(PciRequest request, PciFilter filter, Address client) {
        int op = request.op(), id = request.requestId();
        return switch (request) {
            case PciRequest.SetFilter f -> new PciReply(op, id, ErrorCode.NONE, new PciReply.Empty());
            case PciRequest.GetNumDevices g -> new PciReply(op, id, ErrorCode.NONE, new PciReply.Count(filtered(filter).size()));
            case PciRequest.GetDevice g -> {
                int at = locate(filter, g.index());
                yield at < 0 ? PciReply.refused(op, id, ErrorCode.NO_SUCH_DEVICE) : new PciReply(op, id, ErrorCode.NONE, new PciReply.Device(devices.get(at)));
            }
            case PciRequest.ReserveDevice r -> {
                int at = locate(filter, r.index());
                if (at < 0) yield PciReply.refused(op, id, ErrorCode.NO_SUCH_DEVICE);
                var d = devices.get(at);
                // The same owner again is granted: a restarted driver keeps its address and gets its card back.
                if (d.owned() && !d.owner().equals(client)) yield PciReply.refused(op, id, ErrorCode.RESOURCE_IN_USE);
                devices.set(at, d.withOwner(client));
                yield new PciReply(op, id, ErrorCode.NONE, new PciReply.Granted(true));
            }
            case PciRequest.ReleaseDevice r -> {
                int at = locate(filter, r.index());
                if (at < 0) yield PciReply.refused(op, id, ErrorCode.NO_SUCH_DEVICE);
                var d = devices.get(at);
                if (!d.owner().equals(client)) yield PciReply.refused(op, id, ErrorCode.RESOURCE_NOT_IN_USE);
                devices.set(at, d.withOwner(Address.UNSPECIFIED));
                yield new PciReply(op, id, ErrorCode.NONE, new PciReply.Granted(true));
            }
            case PciRequest.EnableDevice e -> {
                int at = locate(filter, e.index());
                if (at < 0) yield PciReply.refused(op, id, ErrorCode.NO_SUCH_DEVICE);
                var d = devices.get(at);
                // A driver's own capability excludes configuration space: bus mastering for its DMA comes from here, for the holder only.
                if (!d.owner().equals(client)) yield PciReply.refused(op, id, ErrorCode.RESOURCE_NOT_IN_USE);
                var where = new Location(d.bus(), d.device(), d.function());
                int wanted = (e.io() ? ConfigRegisters.COMMAND_IO : 0) | (e.memory() ? ConfigRegisters.COMMAND_MEMORY : 0)
                        | (e.busMaster() ? ConfigRegisters.COMMAND_BUS_MASTER : 0);
                int command = config.read16(where, COMMAND) & ~DECODE_BITS | wanted;
                config.write16(where, COMMAND, command);
                devices.set(at, d.withCommand(config.read16(where, COMMAND)));
                yield new PciReply(op, id, ErrorCode.NONE, new PciReply.Granted(true));
            }
        };
    }

    private List<PciDevice> filtered(PciFilter filter) { return devices.stream().filter(filter::matches).toList(); }

    /** The table index of the {@code n}-th device the filter passes, or -1. */
    private int locate(PciFilter filter, int n) {
        for (int i = 0, seen = 0; i < devices.size(); i++) {
            if (!filter.matches(devices.get(i))) continue;
            if (seen++ == n) return i;
        }
        return -1;
    }
}
