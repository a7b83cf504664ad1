package packos.host.usernet;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import packos.kernel.Address;
import packos.machine.wire.WireSpec;

/**
 * The guests of a booted image: names resolve through the kernel's contexts once the kernel
 * exists ({@link #attach}); the wire is opened before it, with the machine. An unnamed guest is
 * the image's workload, the first process of the boot config that holds no capabilities (every
 * system process holds some).
 */
public final class ImageGuests implements Guests {
    private final Optional<String> workload;
    private volatile Function<String, Optional<Address>> processes = name -> Optional.empty();

    public ImageGuests(Optional<String> workload) {
        this.workload = Objects.requireNonNull(workload);
    }

    /** From now on, process names resolve through {@code lookup} (the kernel's {@code addressOf}). */
    public void attach(Function<String, Optional<Address>> lookup) {
        processes = Objects.requireNonNull(lookup);
    }

    @Override
    public Optional<Address> addressOf(WireSpec.Guest guest) {
        return switch (guest) {
            case WireSpec.Guest.At(var address) -> Optional.of(Address.fromBytes(address.getAddress(), 0));
            case WireSpec.Guest.Process(var name) -> processes.apply(name);
            case WireSpec.Guest.Workload() -> workload.flatMap(processes);
        };
    }

    @Override
    public Optional<String> describe(WireSpec.Guest guest) {
        return switch (guest) {
            case WireSpec.Guest.Workload() -> workload;
            default -> Optional.of(guest.describe());
        };
    }
}
