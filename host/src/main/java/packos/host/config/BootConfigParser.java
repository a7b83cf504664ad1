package packos.host.config;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import packos.kernel.Address;
import packos.kernel.Prefix;
import packos.machine.nic.MacAddress;
import packos.machine.wire.WireSpec;

/**
 * Reads boot configs: one small UTF-8 text file per image. (FORMAT.md beside this file says the same.)
 *
 * <pre>
 * # comment; blank lines ignored; '#' starts a comment anywhere outside quotes
 * image     name=simple description="three processes say their names" codefs=httpd
 * machine   cpus=1 clock=virtual hz=100 seed=1
 * kan       prefix=fd00:7e8e::/64 queue=64 quota=1024 pages=65536 page-size=4096
 * scheduler program=packos.system.BasicScheduler arg=...
 * process   name=foo program=packos.samples.simple.Worker arg=hello arg="two words" caps=irq:3,forward daemon=yes after=bar,baz
 * process   name=web program=packos.samples.httpd.Httpd restart=on-failure max-restarts=5 within=10 queue=128 quota=256 heap=64M heap-rate=16M cpu-share=2
 * process   name=chaos program=packos.samples.httpd.Httpd restart=on-failure max-restarts=100000 within=1 inject-faults=0.5%
 * link      loss=1% delay=5ms jitter=1ms
 * link      between=web,foo loss=10% duplicate=1% reorder=5% corrupt=1% rate=100mbit limit=1000
 * link      from=foo to=web delay=20ms
 * </pre>
 *
 * <p>Each line is a directive, then KEY=VALUE fields separated by spaces or tabs. A value is a bare
 * token (no spaces, quotes or '#') or a double-quoted string in which {@code \"} and {@code \\} are
 * the only escapes. {@code arg} may repeat, each one argument in order; every other key appears at
 * most once per line. image, machine, kan and scheduler appear at most once each, in any order;
 * process any number of times; link once without a pair (the whole KAN) and once per direction. Line ends may be LF, CRLF or CR.
 *
 * <table>
 * <caption>Keys, ranges and defaults</caption>
 * <tr><th>directive</th><th>key</th><th>value</th><th>default</th></tr>
 * <tr><td>image</td><td>name</td><td>[a-z0-9][a-z0-9._-]{0,63}</td><td>file name without extension</td></tr>
 * <tr><td>image</td><td>description</td><td>any text</td><td>empty</td></tr>
 * <tr><td>image</td><td>codefs</td><td>the image's read-only file tree: in a config file a directory relative
 * to the file; in a built-in image the name of a tree under packos/codefs/</td><td>none (an empty root)</td></tr>
 * <tr><td>machine</td><td>cpus</td><td>1..64</td><td>1</td></tr>
 * <tr><td>machine</td><td>clock</td><td>real | virtual</td><td>real</td></tr>
 * <tr><td>machine</td><td>hz</td><td>1..10000</td><td>100</td></tr>
 * <tr><td>machine</td><td>seed</td><td>any 64-bit signed decimal</td><td>0</td></tr>
 * <tr><td>machine</td><td>wire</td><td>none, loopback, echo, tap:IFNAME, udp:LOCAL_ADDR:PORT,REMOTE_ADDR:PORT or user[,hostfwd=...]: an RTL8139 on that wire</td><td>no card</td></tr>
 * <tr><td>machine</td><td>mac</td><td>the card's unicast MAC address, six hex bytes joined by ':'</td><td>52:54:00:12:34:56</td></tr>
 * <tr><td>kan</td><td>prefix</td><td>a /64 inside fc00::/7 (ULA), no host bits set</td><td>fd00:7e8e::/64</td></tr>
 * <tr><td>kan</td><td>queue</td><td>1..65536 packets per receive queue</td><td>64</td></tr>
 * <tr><td>kan</td><td>quota</td><td>1..1048576 pages per context</td><td>1024</td></tr>
 * <tr><td>kan</td><td>pages</td><td>16..16777216 pages in the pool</td><td>65536</td></tr>
 * <tr><td>kan</td><td>page-size</td><td>1280..65536 bytes</td><td>4096</td></tr>
 * <tr><td>scheduler</td><td>program, arg</td><td>binary class name; arguments</td><td>packos.system.BasicScheduler, none</td></tr>
 * <tr><td>process</td><td>name</td><td>[a-z0-9][a-z0-9._-]{0,63}, unique, not kernel or scheduler</td><td>required</td></tr>
 * <tr><td>process</td><td>program</td><td>Java binary class name</td><td>required</td></tr>
 * <tr><td>process</td><td>arg</td><td>repeatable, one argument each</td><td>none</td></tr>
 * <tr><td>process</td><td>caps</td><td>comma list of scheduler, spawn, forward, irq:N (0..255), device:pci, device:BB:DD.F</td><td>none</td></tr>
 * <tr><td>process</td><td>daemon</td><td>yes | no | true | false</td><td>no</td></tr>
 * <tr><td>process</td><td>reports-init</td><td>yes | no: "after" it waits for its ReportInited on TCP 4000</td><td>no</td></tr>
 * <tr><td>process</td><td>after</td><td>comma list of process names, no cycles</td><td>none</td></tr>
 * <tr><td>process</td><td>restart</td><td>never | on-failure | always</td><td>never</td></tr>
 * <tr><td>process</td><td>max-restarts</td><td>0..1000000; more restarts than this within {@code within} and the scheduler gives up</td><td>5</td></tr>
 * <tr><td>process</td><td>within</td><td>1..86400 seconds of machine time</td><td>10</td></tr>
 * <tr><td>process</td><td>queue, quota</td><td>as on the kan line, for this process alone</td><td>the kan line's</td></tr>
 * <tr><td>process</td><td>heap</td><td>SIZE (64M: digits, optional K, M, G, T), 1K..1T: heap allocation burst</td><td>256M</td></tr>
 * <tr><td>process</td><td>heap-rate</td><td>SIZE per second of machine time, 0..1T</td><td>256M</td></tr>
 * <tr><td>process</td><td>output</td><td>SIZE, 1K..1T: all the process may print on the console in its life</td><td>256M</td></tr>
 * <tr><td>process</td><td>output-burst</td><td>SIZE, 1K..1T: what it may print at once</td><td>1M</td></tr>
 * <tr><td>process</td><td>output-rate</td><td>SIZE per second of machine time, 0..1T, refilling the burst</td><td>128K</td></tr>
 * <tr><td>process</td><td>cpu-share</td><td>1..100, relative weight</td><td>1</td></tr>
 * <tr><td>process</td><td>inject-faults</td><td>a testing tool: the chance, 0%..100% (or a fraction 0.0..1.0), that any one
 * kernel call of the process ends it with an InjectedFault, drawn from the machine seed</td><td>0%: none</td></tr>
 * <tr><td>link</td><td>between; from, to</td><td>two process names (or scheduler): both ways; one way</td><td>the whole KAN</td></tr>
 * <tr><td>link</td><td>loss, duplicate, reorder, corrupt</td><td>0%..100%, fractions allowed</td><td>0%</td></tr>
 * <tr><td>link</td><td>delay, jitter</td><td>0..60s with a unit s, ms or us; jitter only with delay</td><td>0</td></tr>
 * <tr><td>link</td><td>rate</td><td>1bit..1000gbit with a unit bit, kbit, mbit or gbit</td><td>unlimited</td></tr>
 * <tr><td>link</td><td>limit</td><td>1..1000000 packets waiting per direction</td><td>1000</td></tr>
 * </table>
 *
 * <p>A config with no process lines is accepted only if it has a scheduler line: a custom scheduler
 * may create its own contexts. Every error is a {@link BootConfigException} reading
 * {@code FILE:LINE: what was wrong (expected ...)}; the first error found is the one reported.
 */
public final class BootConfigParser {
    private final String source;
    /** The config file's directory, against which codefs= is a path; empty for a resource or text, where it is a built-in name. */
    private final Optional<Path> directory;
    private final Map<Directive, Integer> seen = new EnumMap<>(Directive.class);
    private final Map<String, Integer> processLines = new HashMap<>();
    private final List<ProcessSpec> processes = new ArrayList<>();
    private final List<Integer> lineOfProcess = new ArrayList<>();
    private Optional<String> imageName = Optional.empty();
    private String description = "";
    private MachineSettings machine = MachineSettings.DEFAULT;
    private KanSettings kan = KanSettings.DEFAULT;
    private ProgramSpec scheduler = ProgramSpec.DEFAULT_SCHEDULER;
    private final LinkLines links;
    private Optional<CodeTreeSource> codefs = Optional.empty();

    private BootConfigParser(String source, Optional<Path> directory) {
        this.source = source;
        this.links = new LinkLines(source);
        this.directory = directory;
    }

    /** Parses a config file; its {@code codefs=} is a directory, relative to the file's directory. */
    public static BootConfig parse(Path file) throws IOException, BootConfigException {
        var text = Files.readString(file, StandardCharsets.UTF_8);
        return new BootConfigParser(file.toString(), Optional.of(file.toAbsolutePath().getParent())).config(text);
    }

    /** Reads the whole of {@code reader} (a config is small) and parses it; the caller closes the reader. */
    public static BootConfig parse(String sourceName, Reader reader) throws IOException, BootConfigException {
        var text = new StringWriter();
        reader.transferTo(text);
        return parse(sourceName, text.toString());
    }

    /** Parses a config packaged as a classpath resource, named in messages by its resource name. */
    public static BootConfig parseResource(ClassLoader loader, String resourceName) throws IOException, BootConfigException {
        try (var in = loader.getResourceAsStream(resourceName)) {
            if (in == null) throw new FileNotFoundException("no boot config resource '" + resourceName + "' on the classpath");
            return parse(resourceName, new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    /** Parses config text that is no file, such as a built-in image; its {@code codefs=} names a built-in tree. */
    public static BootConfig parse(String sourceName, String text) throws BootConfigException {
        return new BootConfigParser(sourceName, Optional.empty()).config(text);
    }

    private BootConfig config(String text) throws BootConfigException {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        // lines() splits on LF, CRLF and CR alike, so a file saved on Windows reads the same.
        var lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            var lexed = LineLexer.lex(source, i + 1, lines.get(i));
            if (lexed.isPresent()) directive(lexed.get());
        }
        if (processes.isEmpty() && !seen.containsKey(Directive.SCHEDULER)) {
            throw new BootConfigException(source, Math.max(1, lines.size()),
                    "no process lines (expected at least one process line, or a scheduler line for a scheduler that creates its own contexts)");
        }
        StartOrder.check(source, processes, lineOfProcess);
        var linkRules = links.rules(processLines.keySet());
        return new BootConfig(source, imageName.orElseGet(this::nameFromSource), description, machine, kan, scheduler, processes, linkRules, codefs);
    }

    private void directive(ConfigLine line) throws BootConfigException {
        var directive = Directive.named(line.directive()).orElseThrow(() -> new BootConfigException(source, line.number(),
                "unknown directive '" + line.directive() + "' (expected one of: " + Directive.words() + ")"));
        var earlier = seen.putIfAbsent(directive, line.number());
        if (earlier != null && !directive.repeatable()) {
            throw new BootConfigException(source, line.number(),
                    directive.word + ": given twice (expected at most one " + directive.word + " line; the first is on line " + earlier + ")");
        }
        var d = DirectiveLine.of(source, directive, line);
        switch (directive) {
            case IMAGE -> image(d);
            case MACHINE -> machine = machine(d, directory);
            case KAN -> kan = kan(d);
            case SCHEDULER -> scheduler = scheduler(d);
            case PROCESS -> process(d);
            case LINK -> links.add(d);
        }
    }

    private void image(DirectiveLine d) throws BootConfigException {
        var name = d.text("name");
        if (name.isPresent() && !Identifiers.isName(name.get())) {
            throw d.error("name=" + name.get() + " is not a valid image name (expected " + Identifiers.NAME_SYNTAX + ")");
        }
        imageName = name;
        description = d.text("description").orElse("");
        var tree = d.text("codefs");
        if (tree.isPresent()) codefs = Optional.of(codeTreeSource(d, tree.get()));
    }

    /**
     * A built-in image (a resource, or text) can only name a tree that ships with it; a config
     * file names a directory beside it, the way a web server's config names its docroot.
     */
    private CodeTreeSource codeTreeSource(DirectiveLine d, String value) throws BootConfigException {
        if (directory.isEmpty()) {
            if (!Identifiers.isName(value)) {
                throw d.error("codefs=" + value + " is not a built-in tree name (expected " + Identifiers.NAME_SYNTAX
                        + "; only a config file may name a directory)");
            }
            return new CodeTreeSource.BuiltIn(value, d.number());
        }
        if (value.isEmpty()) {
            throw d.error("codefs=\"\" names no directory (expected a directory, relative to the config file's directory)");
        }
        try {
            return new CodeTreeSource.Directory(directory.get().resolve(value).normalize(), value, d.number());
        } catch (InvalidPathException e) {
            throw d.error("codefs=" + value + " is not a path: " + e.getReason() + " (expected a directory, relative to the config file's directory)");
        }
    }

    private static MachineSettings machine(DirectiveLine d, Optional<Path> directory) throws BootConfigException {
        var dflt = MachineSettings.DEFAULT;
        var clock = dflt.clock();
        var clockText = d.text("clock");
        if (clockText.isPresent()) {
            clock = switch (clockText.get()) {
                case "real" -> ClockMode.REAL;
                case "virtual" -> ClockMode.VIRTUAL;
                default -> throw d.error("clock=" + clockText.get() + " is not a clock mode (expected real or virtual)");
            };
        }
        return new MachineSettings(d.number(Limit.CPUS, dflt.cpus()), clock, d.number(Limit.HZ, dflt.hz()), d.anyLong("seed", dflt.seed()),
                wire(d, directory), mac(d, dflt.mac()));
    }

    /** The card's MAC address: a unicast one, since a card whose own address is a group would take every frame to that group as its own. */
    private static MacAddress mac(DirectiveLine d, MacAddress dflt) throws BootConfigException {
        var text = d.text("mac");
        if (text.isEmpty()) return dflt;
        MacAddress mac;
        try {
            // A config has one spelling, the one the console prints at boot: MacAddress also takes Windows's '-'.
            if (text.get().indexOf('-') >= 0) throw new IllegalArgumentException("'-' between the bytes");
            mac = MacAddress.parse(text.get());
        } catch (IllegalArgumentException e) {
            throw d.error("mac=" + text.get() + " is not a MAC address (expected six hex bytes joined by ':', e.g. 52:54:00:12:34:57)");
        }
        if (mac.isMulticast()) {
            throw d.error("mac=" + text.get() + " is a multicast address (expected a unicast one: the first byte even, e.g. 52:54:00:12:34:57)");
        }
        return mac;
    }

    /** The card's wire, if the line names one: only the kinds with a backend, each refusal in the wire parser's words. */
    private static Optional<WireSpec> wire(DirectiveLine d, Optional<Path> directory) throws BootConfigException {
        var text = d.text("wire");
        if (text.isEmpty()) return Optional.empty();
        WireSpec spec;
        try {
            spec = CardWire.parse(text.get());
        } catch (IllegalArgumentException e) {
            throw d.error("wire=" + text.get() + ": " + e.getMessage());
        }
        // user's dumbfs=: in a config file a directory relative to the file; in a built-in image the name of a built-in tree.
        if (spec instanceof WireSpec.User u && u.dumbfs().isPresent()) {
            var dumbfs = u.dumbfs().get();
            if (directory.isPresent()) {
                spec = new WireSpec.User(u.forwards(), Optional.of(directory.get().resolve(dumbfs).toAbsolutePath().normalize().toString()));
            } else if (!Identifiers.isName(dumbfs)) {
                throw d.error("wire=" + text.get() + ": dumbfs=" + dumbfs + " is not a built-in tree name (expected " + Identifiers.NAME_SYNTAX
                        + "; only a config file may name a directory)");
            }
        }
        return Optional.of(spec);
    }

    private static KanSettings kan(DirectiveLine d) throws BootConfigException {
        var dflt = KanSettings.DEFAULT;
        var prefix = dflt.prefix();
        var prefixText = d.text("prefix");
        if (prefixText.isPresent()) prefix = ulaSlash64(d, prefixText.get());
        return new KanSettings(prefix,
                d.number(Limit.QUEUE, dflt.queue()),
                d.number(Limit.QUOTA, dflt.quota()),
                d.number(Limit.PAGES, dflt.pages()),
                d.number(Limit.PAGE_SIZE, dflt.pageSize()));
    }

    /** The KAN prefix: a /64 so that interface ids fill the low half, and a ULA so it never collides with a global route. */
    private static Prefix ulaSlash64(DirectiveLine d, String text) throws BootConfigException {
        final Prefix prefix;
        final Address written;
        try {
            prefix = Prefix.parse(text);
            written = Address.parse(text.substring(0, text.indexOf('/')));
        } catch (IllegalArgumentException e) {
            throw d.error("prefix=" + text + " does not parse: " + e.getMessage() + " (expected a /64 ULA such as fd00:7e8e::/64)");
        }
        if (prefix.length() != 64) {
            throw d.error("prefix=" + text + " has length " + prefix.length() + " (expected a /64 ULA such as fd00:7e8e::/64)");
        }
        if ((prefix.address().high() >>> 57) != (0xfc >>> 1)) {
            throw d.error("prefix=" + text + " is not a unique local address (expected a /64 inside fc00::/7)");
        }
        if (!written.equals(prefix.address())) {
            // Prefix masks silently; a typo in the host half should not vanish.
            throw d.error("prefix=" + text + " has bits set after /64 (expected " + prefix + ")");
        }
        return prefix;
    }

    private static ProgramSpec scheduler(DirectiveLine d) throws BootConfigException {
        var program = d.text("program").orElse(ProgramSpec.DEFAULT_SCHEDULER.program());
        checkProgram(d, program);
        return new ProgramSpec(program, d.args());
    }

    private void process(DirectiveLine d) throws BootConfigException {
        var name = d.required("name", "NAME");
        if (!Identifiers.isName(name)) {
            throw d.error("name=" + name + " is not a valid process name (expected " + Identifiers.NAME_SYNTAX + ")");
        }
        if (Identifiers.RESERVED_NAMES.contains(name)) {
            throw d.error("name=" + name + " is reserved: the console's lines from " + name
                    + " are not a process's (expected a name other than " + String.join(", ", Identifiers.RESERVED_NAMES) + ")");
        }
        var earlier = processLines.putIfAbsent(name, d.number());
        if (earlier != null) {
            throw d.error("process name '" + name + "' is already used on line " + earlier + " (expected unique names)");
        }
        var program = d.required("program", "CLASS");
        checkProgram(d, program);
        var caps = new ArrayList<String>();
        for (var text : d.list("caps")) {
            final Capability cap;
            try {
                cap = Capability.parse(text);
            } catch (IllegalArgumentException e) {
                throw d.error("capability '" + text + "' is not valid: " + e.getMessage());
            }
            if (caps.contains(cap.text())) throw d.error("capability '" + text + "' given twice (expected each at most once)");
            caps.add(cap.text());
        }
        var after = d.list("after");
        for (int i = 0; i < after.size(); i++) {
            var other = after.get(i);
            if (!Identifiers.isName(other)) {
                throw d.error("after: '" + other + "' is not a valid process name (expected " + Identifiers.NAME_SYNTAX + ")");
            }
            if (after.subList(0, i).contains(other)) throw d.error("after: '" + other + "' named twice (expected each at most once)");
        }
        var mounts = new ArrayList<MountLine>();
        for (var text : d.mounts()) {
            MountLine mount;
            try {
                mount = MountLine.parse(text, directory);
            } catch (IllegalArgumentException e) {
                throw d.error("mount=" + text + " is not valid: " + e.getMessage());
            }
            for (var other : mounts) {
                if (other.path().equals(mount.path())) throw d.error("mount=" + text + ": " + mount.path() + " is mounted twice (expected each path once)");
            }
            mounts.add(mount);
        }
        processes.add(new ProcessSpec(name, program, d.args(), caps, d.yesNo("daemon", false), after, restart(d), limits(d),
                d.yesNo("reports-init", false), mounts));
        lineOfProcess.add(d.number());
    }

    private static RestartPolicy restart(DirectiveLine d) throws BootConfigException {
        var dflt = RestartPolicy.NEVER;
        var when = dflt.when();
        var text = d.text("restart");
        if (text.isPresent()) {
            when = RestartPolicy.When.parse(text.get());
            if (when == null) throw d.error("restart=" + text.get() + " is not a restart policy (expected " + RestartPolicy.When.EXPECTED + ")");
        }
        // A bound on restarts that never happen is a mistake: most likely restart= was forgotten.
        for (var key : List.of(Limit.MAX_RESTARTS.key(), Limit.WITHIN.key())) {
            if (d.has(key) && when == RestartPolicy.When.NEVER) {
                throw d.error(key + "=" + d.text(key).orElseThrow() + " without a restart policy (expected restart=on-failure or restart=always with it)");
            }
        }
        return new RestartPolicy(when, d.number(Limit.MAX_RESTARTS, dflt.maxRestarts()), d.number(Limit.WITHIN, dflt.withinSeconds()));
    }

    private static ProcessLimits limits(DirectiveLine d) throws BootConfigException {
        var queue = d.has(Limit.QUEUE.key()) ? OptionalInt.of(d.number(Limit.QUEUE, 0)) : OptionalInt.empty();
        var quota = d.has(Limit.QUOTA.key()) ? OptionalInt.of(d.number(Limit.QUOTA, 0)) : OptionalInt.empty();
        var heap = d.size(Limit.HEAP);
        var heapRate = d.size(Limit.HEAP_RATE);
        return new ProcessLimits(queue, quota, optional(heap), optional(heapRate),
                d.number(Limit.CPU_SHARE, ProcessLimits.DEFAULT_CPU_SHARE),
                d.rate("inject-faults"),
                optional(d.size(Limit.OUTPUT)), optional(d.size(Limit.OUTPUT_BURST)), optional(d.size(Limit.OUTPUT_RATE)));
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static void checkProgram(DirectiveLine d, String program) throws BootConfigException {
        if (!Identifiers.isBinaryClassName(program)) {
            throw d.error("program=" + program + " is not a Java binary class name (expected e.g. packos.samples.simple.Worker)");
        }
    }

    /** "images/simple.boot" names image "simple"; so does resource "/images/simple.boot". */
    private String nameFromSource() {
        var file = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
