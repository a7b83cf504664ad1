package packos.host;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import packos.host.capture.CapturingWire;
import packos.host.capture.KanCapture;
import packos.host.capture.PcapngWriter;
import packos.host.codefs.CodeTrees;
import packos.host.config.BootConfig;
import packos.host.config.BootConfigException;
import packos.host.config.ClockMode;
import packos.host.config.ProcessSpec;
import packos.host.echo.EchoWire;
import packos.host.usernet.ImageGuests;
import packos.host.usernet.UserNetwork;
import packos.host.protect.Protection;
import packos.kernel.Kernel;
import packos.kernel.KernelConfig;
import packos.kernel.KernelStats;
import packos.kernel.LinkStats;
import packos.kernel.ProgramLoader;
import packos.machine.BoardDescription;
import packos.machine.Clock;
import packos.machine.Console;
import packos.machine.InterruptController;
import packos.machine.Machine;
import packos.machine.RealClock;
import packos.machine.VirtualClock;
import packos.machine.nic.Rtl8139;
import packos.machine.wire.EthernetWire;
import packos.machine.wire.NoWire;
import packos.machine.wire.WireSpec;

/** Builds the machine and kernel a boot config describes, boots it, and reports how it ended. */
public final class Boot {
    /**
     * @param pcap    where to write every KAN packet (pcapng), and the card's Ethernet frames when it has a wire, or null
     * @param log     the debug log file, or null
     * @param timeout host-time limit in milliseconds, or 0 for none
     * @param preemption whether programs are instrumented (preemption points, heap metering);
     *                   off only to measure what that costs
     * @param wire    the wire an RTL8139 on the board is plugged into, or null for a board without a card
     *                (or the config's {@code machine wire=})
     */
    public record Options(Path pcap, Path log, long timeout, boolean preemption, WireSpec wire) {
        public Options(Path pcap, Path log, long timeout, boolean preemption) { this(pcap, log, timeout, preemption, null); }

        /** With preemption as system property {@code packos.preemption} says (on unless "off"). */
        public Options(Path pcap, Path log, long timeout) { this(pcap, log, timeout, Protection.preemptionByDefault()); }

        public Options withWire(WireSpec spec) { return new Options(pcap, log, timeout, preemption, spec); }

        public static Options none() { return new Options(null, null, 0); }
    }

    /** How a run ended. */
    public record Outcome(int status, String reason, KernelStats stats) {}

    private Boot() {}

    /**
     * @param programs where program classes and the built-in code trees come from
     * @throws BootConfigException if the image's code tree cannot be read (the error names its codefs= line)
     */
    /**
     * The JVM's default locale and time zone come from the host (LANG, TZ), and allowed JDK calls
     * read them: {@code "title".toUpperCase()} is {@code TİTLE} in Turkish, {@code
     * String.format("%,d", n)} groups with dots in German, {@code new Date(0).toString()} names
     * the host's zone. Same config, same seed, same bytes on every host: a machine runs in the
     * root locale and UTC, in every JVM that boots one.
     */
    private static void pinHostDefaults() {
        java.util.Locale.setDefault(java.util.Locale.ROOT);
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(java.time.ZoneOffset.UTC));
    }

    public static Outcome run(BootConfig config, Options options, PrintStream screen, ClassLoader programs)
            throws IOException, ProgramLoader.ProgramLoadException, BootConfigException {
        return run(config, options, screen, ProgramCode.builtIn(programs));
    }

    /**
     * @param programs where program classes come from: PackOS's own on the class path (whose loader
     *                 also holds the built-in code trees), and programs from outside
     * @throws BootConfigException if the image's code tree cannot be read (the error names its codefs= line)
     */
    public static Outcome run(BootConfig config, Options options, PrintStream screen, ProgramCode programs)
            throws IOException, ProgramLoader.ProgramLoadException, BootConfigException {
        checkConsoleSources(config, options.wire() != null ? options.wire() : config.machine().wire().orElse(null));
        pinHostDefaults();
        // The code tree is read once, here, and shared by every process (restarted ones too): it is immutable.
        var tree = CodeTrees.load(config, programs.builtInLoader());
        // Load the scheduler once before anything: a config naming no such class must not leave
        // empty files behind. The kernel loads it again, for real, with the scheduler's signals.
        var loader = new IsolatingProgramLoader(programs, Protection.verifier(), Protection.transformer(options.preemption()), tree,
                config.processes().stream().collect(java.util.stream.Collectors.toMap(p -> p.name(), p -> p.mounts())));
        loader.load(config.scheduler().program(), "scheduler", config.scheduler().args());
        PrintStream log = null;
        PcapngWriter pcap = null;
        Machine machine = null;
        Console console = null;
        try {
            if (options.log() != null) log = new PrintStream(create(options.log(), "log file"), true);
            if (options.pcap() != null) pcap = new PcapngWriter(create(options.pcap(), "capture file"));
            var m = config.machine();
            Clock clock = m.clock() == ClockMode.VIRTUAL ? new VirtualClock(m.hz()) : new RealClock(m.hz());
            console = new Console(screen, log);
            // A wire that cannot be opened (a TAP device without the right to it) stops the boot with its reason.
            // --wire overrides the config's machine wire=.
            WireSpec wire = options.wire() != null ? options.wire() : m.wire().orElse(null);
            var guests = new ImageGuests(config.processes().stream().filter(p -> p.capabilities().isEmpty()).map(ProcessSpec::name).findFirst());
            var opened = wire == null ? null : open(wire, config, guests, console, clock, programs.builtInLoader(), options.wire() != null);
            machine = wire == null ? new Machine(m.cpus(), new InterruptController(), clock, console)
                    : new Machine(m.cpus(), new InterruptController(), clock, console,
                            new BoardDescription(BoardDescription.DEFAULT_RAM,
                                    List.of(new BoardDescription.Nic(captured(opened, pcap, clock), m.mac()))));
            for (var at : machine.board().pci().addresses()) {
                if (machine.board().pci().function(at) instanceof Rtl8139 card) {
                    console.line("board", "RTL8139 at " + at + ", IRQ " + machine.board().pci().irqOf(at) + ", MAC " + card.eepromMac()
                            + ", wire " + wire.describe());
                }
            }
            var k = config.kan();
            var kernel = new Kernel(machine, new KernelConfig(k.prefix(), k.queue(), k.quota(), k.pages(), k.pageSize(), m.seed()),
                    loader);
            // Forwards name processes that get their addresses as the scheduler creates them.
            guests.attach(kernel::addressOf);
            if (pcap != null) kernel.setTap(new KanCapture(pcap));
            kernel.setLinkRules(config.links());
            // Without preemption points every long computation looks like a runaway to the watchdog.
            if (!options.preemption()) kernel.setCpuWatch(false);
            int reserved = Integer.getInteger(SpareCarriers.PROPERTY, 0);
            var spares = reserved > 0 ? SpareCarriers.hold(reserved) : null;
            if (spares != null) kernel.setCarrierReserve(spares);
            // Restart policy, limits and CPU share travel with each process to the scheduler.
            var processes = config.processes().stream().map(p -> p.bootProcess(k)).toList();
            console.debug("kernel", "booting image " + config.imageName() + " from " + config.source());
            int status;
            try {
                status = kernel.boot(config.scheduler().program(), config.scheduler().args(), processes,
                        options.timeout(), TimeUnit.MILLISECONDS);
            } finally {
                if (spares != null) spares.close();
            }
            var stats = kernel.stats();
            console.line("kernel", "halted: " + kernel.haltReason() + " (status " + status + ")");
            if (!config.links().isNone()) console.line("kernel", describe(stats.link()));
            // The echo host's side of the run, beside the kernel's: what the outside answered and refused.
            if (opened instanceof EchoWire echo) console.line("echo", echo.stats().toString());
            console.debug("kernel", stats.toString());
            console.flush();
            return new Outcome(status, kernel.haltReason(), stats);
        } finally {
            // Unplugs the card: its wire's reader thread ends and a TAP device it made goes away.
            if (machine != null) machine.board().close();
            // The console writes from a thread of its own: what it still holds goes out before the log closes.
            if (console != null) console.flush();
            if (pcap != null) pcap.close();
            if (log != null) log.close();
        }
    }

    /**
     * Opens the card's wire: the machine's own kinds open themselves; user-mode networking is built
     * here from the library's TCP, with the image's processes as its forwards' guests. Its forwards
     * are bound now, so a port in use stops the boot with the reason. The echo host answers in
     * machine time and draws from the machine's seed, so a virtual-time run through it repeats.
     */
    private static EthernetWire open(WireSpec wire, BootConfig config, ImageGuests guests, Console console, Clock clock, ClassLoader resources,
                                     boolean fromCommandLine) throws IOException {
        return switch (wire) {
            case WireSpec.Backed backed -> backed.open();
            case WireSpec.Echo echo -> EchoWire.open(config.kan().prefix(), config.machine().seed(), clock::nanos);
            case WireSpec.User user -> {
                var network = UserNetwork.open(user, config.kan().prefix(), guests, line -> console.line("user", line), dumbfsFiles(user, resources, fromCommandLine));
                network.forwardLines().forEach(line -> console.line("user", line));
                // A name the config lacks may still come (a process with "spawn" may create it), so it is said, not refused.
                for (var forward : user.forwards()) {
                    if (forward.guest() instanceof WireSpec.Guest.Process(var name)
                            && config.processes().stream().noneMatch(p -> p.name().equals(name))) {
                        console.line("user", "hostfwd=%s: the image has no process named %s; its connections are closed until one is created"
                                .formatted(forward.describe(), name));
                    }
                }
                yield network;
            }
        };
    }

    /**
     * What the user network's {@code dumbfs=} serves: a host directory, confined beneath it (from
     * {@code --wire}, relative to the working directory; from a config file, already made absolute
     * against the file's directory), or for a built-in image a writable copy in memory of the
     * built-in tree it names. Null without {@code dumbfs=}.
     */
    private static packos.lib.fs.FileSystem dumbfsFiles(WireSpec.User user, ClassLoader resources, boolean fromCommandLine) throws IOException {
        if (user.dumbfs().isEmpty()) return null;
        var text = user.dumbfs().get();
        var path = Path.of(text);
        if (fromCommandLine || path.isAbsolute()) {
            try {
                return packos.host.files.ConfinedDirectory.open(path);
            } catch (IOException e) {
                throw new IOException("user: dumbfs=" + text + ": no directory to serve (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
            }
        }
        return CodeTrees.builtInCopy(text, resources);
    }

    /**
     * The host writes console lines of its own under the names of what it plugged in: {@code board}
     * (the card, at boot), {@code user} and {@code echo} (those wires). A process named so would
     * print lines that pass for theirs, so a machine with such a source refuses a process of its name.
     */
    private static void checkConsoleSources(BootConfig config, WireSpec wire) throws BootConfigException {
        if (wire == null) return;
        var sources = new java.util.LinkedHashMap<String, String>();
        sources.put("board", "the board's, which names the card at boot");
        if (wire instanceof WireSpec.User) sources.put("user", "the user-mode network's");
        if (wire instanceof WireSpec.Echo) sources.put("echo", "the echo wire's");
        for (var p : config.processes()) {
            var whose = sources.get(p.name());
            if (whose != null) {
                throw new BootConfigException(config.source(), 0, "process name=" + p.name() + " is a console source of this machine: its lines"
                        + " would pass for " + whose + " (expected a name other than " + String.join(", ", sources.keySet())
                        + " with wire " + wire.describe() + ")");
            }
        }
    }

    /**
     * With a capture, a real wire (not none: the card sees that as link down) records its frames on a
     * second interface, Ethernet, named after the card; the one card sits at 00:03.0 (BoardDescription).
     */
    private static EthernetWire captured(EthernetWire wire, PcapngWriter pcap, Clock clock) throws IOException {
        if (pcap == null || wire instanceof NoWire) return wire;
        try {
            return new CapturingWire(wire, pcap, clock::nanos, "eth0 (RTL8139 at 00:03.0, " + wire.describe() + ")");
        } catch (IOException | RuntimeException e) {
            wire.close();
            throw e;
        }
    }

    /** What the impaired links did, for the console: a run's figures beside its result. */
    static String describe(LinkStats l) {
        return "links: " + l.lost() + " lost, " + l.duplicated() + " duplicated, " + l.corrupted() + " corrupted, "
                + l.reordered() + " reordered, " + l.delayed() + " delayed, " + l.overflowed() + " dropped by a full link queue, "
                + l.undeliverable() + " dropped at a full or ended receiver";
    }

    /** Opens {@code file} for writing, with an error that says which file and why (not a bare path). */
    private static OutputStream create(Path file, String what) throws IOException {
        try {
            return Files.newOutputStream(file);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot create the " + what + " " + file + ": no such file or directory", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot create the " + what + " " + file + ": permission denied", e);
        } catch (FileSystemException e) {
            throw new IOException("cannot create the " + what + " " + file + ": "
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()), e);
        }
    }
}
