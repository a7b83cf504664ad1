package packos.host.config;

import java.util.List;
import java.util.Objects;
import packos.kernel.LinkRules;
import java.util.Optional;

/**
 * Everything needed to boot one image: machine settings, the KAN, the scheduler and the processes
 * in file order. Built by {@link BootConfigParser}, which has already checked every range and name.
 *
 * @param source      the file or resource name the config came from, used in messages
 * @param imageName   the image's name (defaults to the file name without its extension)
 * @param description one human line, empty if none was given
 * @param links       impairment of the KAN's links, whole and per pair of processes
 * @param codefs      where the image's code tree comes from, if it has one
 */
public record BootConfig(String source, String imageName, String description, MachineSettings machine,
                         KanSettings kan, ProgramSpec scheduler, List<ProcessSpec> processes, LinkRules links,
                         Optional<CodeTreeSource> codefs) {
    /** The source named in errors about command-line overrides. */
    public static final String COMMAND_LINE = "command line";

    public BootConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(imageName, "imageName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(kan, "kan");
        Objects.requireNonNull(scheduler, "scheduler");
        processes = List.copyOf(processes);
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(codefs, "codefs");
    }

    /** A config whose KAN links are all perfect, with no code tree. */
    public BootConfig(String source, String imageName, String description, MachineSettings machine,
                      KanSettings kan, ProgramSpec scheduler, List<ProcessSpec> processes) {
        this(source, imageName, description, machine, kan, scheduler, processes, LinkRules.NONE, Optional.empty());
    }

    /**
     * This config with command-line settings in place of the file's; a null leaves the file's value.
     * The ranges are the file's ranges, so an override cannot build a machine the file could not.
     */
    public BootConfig withOverrides(Integer cpus, ClockMode clock, Long seed) throws BootConfigException {
        if (cpus != null && !Limit.CPUS.contains(cpus)) {
            throw new BootConfigException(COMMAND_LINE, 0, Limit.CPUS.outOfRange(cpus.toString()));
        }
        var m = new MachineSettings(
                cpus != null ? cpus : machine.cpus(),
                clock != null ? clock : machine.clock(),
                machine.hz(),
                seed != null ? seed : machine.seed(),
                machine.wire(),
                machine.mac());
        return new BootConfig(source, imageName, description, m, kan, scheduler, processes, links, codefs);
    }

    /** The processes in the order to start them: each after those its {@code after} names, ties in file order. */
    public List<ProcessSpec> startOrder() {
        return StartOrder.of(processes);
    }
}
