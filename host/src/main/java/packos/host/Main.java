package packos.host;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import packos.host.config.BootConfig;
import packos.host.config.BootConfigException;
import packos.host.config.CardWire;
import packos.host.config.ClockMode;
import packos.host.dumbfs.DumbFsCommand;
import packos.host.protect.verify.VerifyCommand;
import packos.kernel.Kernel;
import packos.kernel.ProgramLoader;
import packos.machine.wire.WireSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code packos} command. */
@Command(name = "packos", mixinStandardHelpOptions = true, version = "PackOS for the JVM 0.1",
        description = "A microkernel where all IPC is IPv6, inside one JVM.",
        subcommands = {Main.Run.class, Main.Samples.class, VerifyCommand.class, SoakCommand.class, DumbFsCommand.class})
public final class Main implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Boot an image: a sample by name (see 'packos samples') or a boot config file. Exit status 0 means no process ended in failure (a restarted fault is not one), 1 that one did (or could not start), 2 a usage or config error.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE", description = "sample name or config file (default: ${DEFAULT-VALUE})",
                defaultValue = Images.DEFAULT)
        String image;

        @Option(names = "--cpus", paramLabel = "N", description = "number of CPUs (overrides the config)")
        Integer cpus;

        @Option(names = "--clock", paramLabel = "real|virtual", description = "real time, or virtual time that jumps to the next tick when every context is blocked")
        ClockMode clock;

        @Option(names = "--seed", paramLabel = "N", description = "seed of the machine's random source")
        Long seed;

        @Option(names = "--pcap", paramLabel = "FILE", description = "write every KAN packet to FILE (pcapng; Wireshark and tshark read it), and the card's Ethernet frames on a second interface when it has a wire")
        Path pcap;

        @Option(names = "--log", paramLabel = "FILE", description = "write the console and kernel diagnostics to FILE")
        Path log;

        @Option(names = "--wire", paramLabel = "SPEC",
                description = "put an RTL8139 network card on the board, plugged into: none, loopback (a plug: every frame sent comes back), echo (a host at fd00:7e8f::1 answering pings and UDP echo at once, in virtual time too), tap:IFNAME, udp:LOCAL_ADDR:PORT,REMOTE_ADDR:PORT, "
                        + "or user[,hostfwd=tcp:[HOSTADDR]:HOSTPORT-[GUEST]:GUESTPORT]... (user-mode networking, no root: HOSTPORT on the host "
                        + "relays to GUESTPORT of GUEST, an IPv6 address in brackets, a process name, or empty for the image's workload; "
                        + "PackOS reaches the host's loopback port P at [fd00:7e8f::1]:P)")
        String wire;

        @Option(names = "--programs", paramLabel = "JAR-OR-CLASSDIR",
                description = "programs from outside PackOS (jars, class directories; repeatable): read into memory, never put on the JVM's class path; "
                        + "every class they hold is verified before anything boots, and none may be in a package of PackOS's own")
        List<Path> programs = List.of();

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "stop the machine after this much host time (0: never)", defaultValue = "0")
        double timeout;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            if (!(timeout >= 0) || Double.isInfinite(timeout)) {
                err.println("packos run: --timeout must be a finite number of seconds, not negative");
                return 2;
            }
            // A positive timeout under a millisecond must not round down to 0, which means "never".
            long timeoutMillis = timeout == 0 ? 0 : Math.max(1, (long) Math.ceil(timeout * 1000));
            WireSpec wireSpec = null;
            if (wire != null) {
                try {
                    wireSpec = CardWire.parse(wire);
                } catch (IllegalArgumentException e) {
                    err.println("packos run: --wire " + wire + ": " + e.getMessage());
                    return 2;
                }
            }
            OutsidePrograms outside = OutsidePrograms.none();
            if (!programs.isEmpty()) {
                try {
                    outside = OutsidePrograms.read(programs);
                } catch (java.io.IOException e) {
                    err.println("packos run: --programs " + e.getMessage());
                    return 2;
                }
                if (!outside.refusals().isEmpty()) {
                    // Refused before anything starts: no process of the image runs beside a program that failed its check.
                    for (String line : outside.refusals()) err.println("packos run: refused " + line);
                    err.println("packos run: --programs " + String.join(", ", programs.stream().map(Path::toString).toList()) + ": "
                            + outside.refusals().size() + " refusal" + (outside.refusals().size() == 1 ? "" : "s") + "; nothing was booted");
                    return 1;
                }
            }
            var images = new Images(Main.class.getClassLoader());
            BootConfig config;
            try {
                config = images.load(image).withOverrides(cpus, clock, seed);
            } catch (BootConfigException e) {
                err.println("packos run: " + e.getMessage());
                return 2;
            } catch (java.io.IOException e) {
                err.println("packos run: " + e.getMessage());
                return 2;
            }
            carriersFor(config.machine().cpus());
            Boot.Outcome outcome;
            try {
                outcome = Boot.run(config, new Boot.Options(pcap, log, timeoutMillis).withWire(wireSpec), System.out,
                        ProgramCode.with(Main.class.getClassLoader(), outside));
            } catch (BootConfigException e) {
                // The image's code tree could not be read: nothing booted.
                err.println("packos run: " + e.getMessage());
                return 2;
            } catch (ProgramLoader.ProgramLoadException e) {
                // The scheduler could not even be loaded: nothing booted, so it is a config error.
                err.println("packos run: " + config.source() + ": cannot load the scheduler: " + e.getMessage());
                return 2;
            } catch (java.io.IOException e) {
                err.println("packos run: " + e.getMessage());
                return 2;
            }
            return outcome.status();
        }
    }

    /**
     * One carrier thread per CPU and {@link Kernel#SPARE_CARRIERS} more, unless the JVM was told
     * otherwise: the spares are held out of the way ({@link SpareCarriers}) until the kernel's
     * watchdog takes a CPU from a runaway that keeps its carrier (see the kernel's CpuWatch). Set
     * before the first virtual thread exists, which is when the JVM reads it.
     */
    public static void carriersFor(int cpus) {
        if (System.getProperty(PARALLELISM) != null) return;
        System.setProperty(PARALLELISM, Integer.toString(cpus + Kernel.SPARE_CARRIERS));
        System.setProperty(SpareCarriers.PROPERTY, Integer.toString(Kernel.SPARE_CARRIERS));
    }

    private static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    @Command(name = "samples", mixinStandardHelpOptions = true, description = "List the images that ship with PackOS.")
    static final class Samples implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var out = spec.commandLine().getOut();
            var images = new Images(Main.class.getClassLoader());
            for (String name : images.names()) {
                var c = images.load(name);
                out.printf("%-10s %s%n", name, c.description());
            }
            out.flush();
            return 0;
        }
    }
}
