package packos.host.config;

import java.util.List;
import java.util.Objects;

/**
 * One process line: its name, the program it runs with its arguments, the capabilities it is granted
 * (canonical text, see {@link Capability}), whether the machine may halt while it still runs (a daemon),
 * and the names of the processes that must be started before it.
 */
public record ProcessSpec(String name, String program, List<String> args, List<String> capabilities,
                          boolean daemon, List<String> after) {
    public ProcessSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(program, "program");
        args = List.copyOf(args);
        capabilities = List.copyOf(capabilities);
        after = List.copyOf(after);
    }

    /** The program part of this process, the shape the loader takes. */
    public ProgramSpec programSpec() { return new ProgramSpec(program, args); }
}
