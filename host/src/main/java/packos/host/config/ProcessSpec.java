package packos.host.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import packos.kernel.BootProcess;
import packos.kernel.ContextLimits;
import packos.kernel.OutputLimits;

/**
 * One process line: its name, the program it runs with its arguments, the capabilities it is granted
 * (canonical text, see {@link Capability}), whether the machine may halt while it still runs (a daemon),
 * the names of the processes that must be started before it (or, for one that reports its initialisation,
 * initialised), its restart policy and its limits.
 */
public record ProcessSpec(String name, String program, List<String> args, List<String> capabilities,
                          boolean daemon, List<String> after, RestartPolicy restart, ProcessLimits limits, boolean reportsInit,
                          List<MountLine> mounts) {
    public ProcessSpec {
        mounts = List.copyOf(mounts);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(limits, "limits");
        args = List.copyOf(args);
        capabilities = List.copyOf(capabilities);
        after = List.copyOf(after);
    }

    public ProcessSpec(String name, String program, List<String> args, List<String> capabilities,
                       boolean daemon, List<String> after, RestartPolicy restart, ProcessLimits limits, boolean reportsInit) {
        this(name, program, args, capabilities, daemon, after, restart, limits, reportsInit, List.of());
    }

    public ProcessSpec(String name, String program, List<String> args, List<String> capabilities,
                       boolean daemon, List<String> after, RestartPolicy restart, ProcessLimits limits) {
        this(name, program, args, capabilities, daemon, after, restart, limits, false);
    }

    /** A process never restarted, with default limits. */
    public ProcessSpec(String name, String program, List<String> args, List<String> capabilities, boolean daemon, List<String> after) {
        this(name, program, args, capabilities, daemon, after, RestartPolicy.NEVER, ProcessLimits.DEFAULT);
    }

    /** The program part of this process, the shape the loader takes. */
    public ProgramSpec programSpec() { return new ProgramSpec(program, args); }

    /**
     * This process as the kernel hands it to the scheduler. Limits left out fall back to the kan
     * line's queue and quota and the kernel's heap defaults; with none given the context simply
     * gets the kernel's defaults.
     */
    public BootProcess bootProcess(KanSettings kan) {
        ContextLimits contextLimits = null;
        if (!limits.contextDefaults()) {
            contextLimits = new ContextLimits(
                    limits.queue().orElse(kan.queue()),
                    limits.quota().orElse(kan.quota()),
                    limits.heap().orElse(ContextLimits.DEFAULT_HEAP_BURST),
                    limits.heapRate().orElse(ContextLimits.DEFAULT_HEAP_PER_SECOND),
                    limits.faultRate(),
                    new OutputLimits(limits.outputBurst().orElse(OutputLimits.DEFAULT.burst()),
                            limits.outputRate().orElse(OutputLimits.DEFAULT.perSecond()),
                            limits.output().orElse(OutputLimits.DEFAULT.total())));
        }
        var when = switch (restart.when()) {
            case NEVER -> BootProcess.RestartWhen.NEVER;
            case ON_FAILURE -> BootProcess.RestartWhen.ON_FAILURE;
            case ALWAYS -> BootProcess.RestartWhen.ALWAYS;
        };
        return new BootProcess(name, program, args, new HashSet<>(capabilities), daemon, after,
                new BootProcess.Restart(when, restart.maxRestarts(), restart.withinSeconds()), contextLimits, limits.cpuShare(), reportsInit);
    }
}
