package packos.host.config;

import java.util.List;
import java.util.Objects;

/** A program to load, by Java binary class name, and the arguments it is started with. */
public record ProgramSpec(String program, List<String> args) {
    public static final ProgramSpec DEFAULT_SCHEDULER = new ProgramSpec("packos.system.BasicScheduler", List.of());

    public ProgramSpec {
        Objects.requireNonNull(program, "program");
        args = List.copyOf(args);
    }
}
