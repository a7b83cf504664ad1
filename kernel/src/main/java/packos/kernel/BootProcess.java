package packos.kernel;

import java.util.List;
import java.util.Set;

/**
 * One process named by the boot config, handed to the scheduler as opaque boot data: the kernel
 * itself never starts it; the scheduler decides when and whether.
 */
public record BootProcess(String name, String program, List<String> args, Set<String> capabilities,
                          boolean daemon, List<String> after) {
    public BootProcess {
        args = List.copyOf(args);
        capabilities = Set.copyOf(capabilities);
        after = List.copyOf(after);
    }
}
