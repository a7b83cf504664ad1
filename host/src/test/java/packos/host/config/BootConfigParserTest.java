package packos.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.StringReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import packos.kernel.Prefix;

class BootConfigParserTest {
    static final String FULL = """
            # the simple image, every directive used
            image     name=simple description="three processes say their names"
            machine   cpus=2 clock=virtual hz=250 seed=-7
            kan       prefix=fd12:3456:789a::/64 queue=32 quota=512 pages=4096 page-size=1500
            scheduler program=packos.system.BasicScheduler arg=--quantum arg=10

            process   name=foo program=packos.samples.simple.Worker arg=hello arg="two words" caps=irq:3,forward daemon=yes after=bar,baz
            process   name=bar program=packos.samples.simple.Worker$Inner
            process   name=baz program=Worker caps=scheduler,spawn,device:00:03.0 daemon=false after=bar
            """;

    @Test
    void fullConfigIsReadIntoRecords() throws Exception {
        var c = BootConfigParser.parse("simple.boot", FULL);
        assertEquals("simple.boot", c.source());
        assertEquals("simple", c.imageName());
        assertEquals("three processes say their names", c.description());
        assertEquals(new MachineSettings(2, ClockMode.VIRTUAL, 250, -7), c.machine());
        assertEquals(new KanSettings(Prefix.parse("fd12:3456:789a::/64"), 32, 512, 4096, 1500), c.kan());
        assertEquals(new ProgramSpec("packos.system.BasicScheduler", List.of("--quantum", "10")), c.scheduler());
        assertEquals(List.of(
                new ProcessSpec("foo", "packos.samples.simple.Worker", List.of("hello", "two words"),
                        List.of("irq:3", "forward"), true, List.of("bar", "baz")),
                new ProcessSpec("bar", "packos.samples.simple.Worker$Inner", List.of(), List.of(), false, List.of()),
                new ProcessSpec("baz", "Worker", List.of(), List.of("scheduler", "spawn", "device:00:03.0"), false, List.of("bar"))),
                c.processes());
    }

    @Test
    void startOrderPutsEachProcessAfterTheOnesItNamesAndKeepsFileOrderOtherwise() throws Exception {
        var c = BootConfigParser.parse("simple.boot", FULL);
        assertEquals(List.of("bar", "baz", "foo"), c.startOrder().stream().map(ProcessSpec::name).toList());
        var independent = BootConfigParser.parse("x.boot", """
                process name=c program=p.C
                process name=a program=p.A after=d
                process name=b program=p.B
                process name=d program=p.D
                """);
        assertEquals(List.of("c", "b", "d", "a"), independent.startOrder().stream().map(ProcessSpec::name).toList());
    }

    @Test
    void omittedSettingsTakeTheirDefaults() throws Exception {
        var c = BootConfigParser.parse("configs/hello.world.boot", "process name=hello program=packos.samples.Hello\n");
        assertEquals("hello.world", c.imageName());
        assertEquals("", c.description());
        assertEquals(new MachineSettings(1, ClockMode.REAL, 100, 0), c.machine());
        assertEquals(new KanSettings(Prefix.parse("fd00:7e8e::/64"), 64, 1024, 65536, 4096), c.kan());
        assertEquals(new ProgramSpec("packos.system.BasicScheduler", List.of()), c.scheduler());
        var p = c.processes().getFirst();
        assertEquals(List.of(), p.args());
        assertEquals(List.of(), p.capabilities());
        assertFalse(p.daemon());
        assertEquals(List.of(), p.after());
    }

    @Test
    void linesThatSetOnlySomeKeysKeepTheOtherDefaults() throws Exception {
        var c = BootConfigParser.parse("x.boot", """
                machine clock=virtual
                kan queue=8
                scheduler arg=verbose
                """);
        assertEquals(new MachineSettings(1, ClockMode.VIRTUAL, 100, 0), c.machine());
        assertEquals(new KanSettings(Prefix.parse("fd00:7e8e::/64"), 8, 1024, 65536, 4096), c.kan());
        assertEquals(new ProgramSpec("packos.system.BasicScheduler", List.of("verbose")), c.scheduler());
    }

    @Test
    void imageNameDefaultsToTheFileNameWithoutExtension() throws Exception {
        String text = "process name=a program=p.A\n";
        assertEquals("simple", BootConfigParser.parse("/images/simple.boot", text).imageName());
        assertEquals("simple", BootConfigParser.parse("C:\\images\\simple.boot", text).imageName());
        assertEquals("noext", BootConfigParser.parse("noext", text).imageName());
    }

    @Test
    void configWithOnlyASchedulerLineIsAllowed() throws Exception {
        var c = BootConfigParser.parse("custom.boot", "scheduler program=com.example.OwnScheduler\n");
        assertEquals(List.of(), c.processes());
        assertEquals("com.example.OwnScheduler", c.scheduler().program());
    }

    @Test
    void quotedValuesKeepSpacesHashesAndEscapes() throws Exception {
        var c = BootConfigParser.parse("q.boot", """
                process name=q program=p.Q arg="a # not a comment" arg="say \\"hi\\"" arg="back\\\\slash" arg="" arg=x=y arg=é
                """);
        assertEquals(List.of("a # not a comment", "say \"hi\"", "back\\slash", "", "x=y", "é"), c.processes().getFirst().args());
    }

    @Test
    void commentsMayFollowValuesWithOrWithoutSpace() throws Exception {
        var c = BootConfigParser.parse("c.boot", """
                   # indented comment
                image name=c description="d"# right after a quote
                machine cpus=4 # after a value
                process name=a program=p.A arg=x#glued
                process\tname=b\tprogram=p.B  # tabs separate too
                """);
        assertEquals("d", c.description());
        assertEquals(4, c.machine().cpus());
        assertEquals(List.of("x"), c.processes().get(0).args());
        assertEquals("b", c.processes().get(1).name());
    }

    @Test
    void crlfAndCrLineEndsReadLikeLf() throws Exception {
        String lf = "image name=w\nmachine cpus=3\n\nprocess name=a program=p.A arg=\"x y\"\n";
        var expected = BootConfigParser.parse("w.boot", lf);
        assertEquals(expected, BootConfigParser.parse("w.boot", lf.replace("\n", "\r\n")));
        assertEquals(expected, BootConfigParser.parse("w.boot", lf.replace("\n", "\r")));
        assertEquals(expected, BootConfigParser.parse("w.boot", "\uFEFF" + lf.replace("\n", "\r\n")));
    }

    @Test
    void crlfFilesReportTheRightLineNumbers() {
        var e = assertThrows(BootConfigException.class,
                () -> BootConfigParser.parse("w.boot", "# one\r\n\r\nmachine cpus=0\r\n"));
        assertEquals("w.boot:3: machine: cpus=0 is out of range (expected 1..64)", e.getMessage());
        assertEquals(3, e.line());
        assertEquals("w.boot", e.source());
    }

    @Test
    void numbersAtTheEdgesOfTheirRangesAreAccepted() throws Exception {
        var low = BootConfigParser.parse("e.boot", """
                machine cpus=1 hz=1 seed=-9223372036854775808
                kan queue=1 quota=1 pages=16 page-size=1280 prefix=fc00::/64
                process name=a program=p.A
                """);
        assertEquals(new MachineSettings(1, ClockMode.REAL, 1, Long.MIN_VALUE), low.machine());
        assertEquals(new KanSettings(Prefix.parse("fc00::/64"), 1, 1, 16, 1280), low.kan());
        var high = BootConfigParser.parse("e.boot", """
                machine cpus=64 hz=10000 seed=9223372036854775807
                kan queue=65536 quota=1048576 pages=16777216 page-size=65536 prefix=fdff:ffff:ffff:ffff::/64
                process name=a program=p.A
                """);
        assertEquals(new MachineSettings(64, ClockMode.REAL, 10000, Long.MAX_VALUE), high.machine());
        assertEquals(new KanSettings(Prefix.parse("fdff:ffff:ffff:ffff::/64"), 65536, 1048576, 16777216, 65536), high.kan());
    }

    @Test
    void yesNoValuesAcceptAllFourSpellings() throws Exception {
        var c = BootConfigParser.parse("d.boot", """
                process name=a program=p.A daemon=yes
                process name=b program=p.A daemon=true
                process name=c program=p.A daemon=no
                process name=d program=p.A daemon=false
                """);
        assertEquals(List.of(true, true, false, false), c.processes().stream().map(ProcessSpec::daemon).toList());
    }

    @Test
    void capabilitiesAreKeptInCanonicalSpelling() throws Exception {
        var c = BootConfigParser.parse("k.boot", "process name=a program=p.A caps=irq:0,irq:255,device:PCI,device:00:0A.7\n");
        var caps = c.processes().getFirst().capabilities();
        assertEquals(List.of("irq:0", "irq:255", "device:pci", "device:00:0a.7"), caps);
        assertEquals(List.of(new Capability.Irq(0), new Capability.Irq(255), new Capability.Device("pci"), new Capability.Device("00:0a.7")),
                caps.stream().map(Capability::parse).toList());
        assertEquals(Capability.Privilege.FORWARD, Capability.parse("forward"));
    }

    @Test
    void readerAndPathAndResourceGiveTheSameConfig(@TempDir Path dir) throws Exception {
        var file = dir.resolve("simple.boot");
        Files.writeString(file, FULL);
        var fromText = BootConfigParser.parse(file.toString(), FULL);
        assertEquals(fromText, BootConfigParser.parse(file));
        assertEquals(fromText, BootConfigParser.parse(file.toString(), new StringReader(FULL)));

        var images = Files.createDirectories(dir.resolve("cp/images"));
        Files.writeString(images.resolve("simple.boot"), FULL);
        try (var loader = new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, null)) {
            var fromResource = BootConfigParser.parseResource(loader, "images/simple.boot");
            assertEquals("images/simple.boot", fromResource.source());
            assertEquals(fromText.processes(), fromResource.processes());
            assertThrows(FileNotFoundException.class, () -> BootConfigParser.parseResource(loader, "images/absent.boot"));
        }
    }

    @Test
    void overridesReplaceOnlyWhatIsGiven() throws Exception {
        var c = BootConfigParser.parse("simple.boot", FULL);
        assertEquals(c, c.withOverrides(null, null, null));
        var o = c.withOverrides(4, ClockMode.REAL, 99L);
        assertEquals(new MachineSettings(4, ClockMode.REAL, 250, 99), o.machine());
        assertEquals(c.processes(), o.processes());
        assertEquals(c.kan(), o.kan());
        assertEquals(new MachineSettings(2, ClockMode.VIRTUAL, 250, Long.MIN_VALUE), c.withOverrides(null, null, Long.MIN_VALUE).machine());
    }

    @Test
    void overridesAreCheckedAgainstTheFileRanges() throws Exception {
        var c = BootConfigParser.parse("simple.boot", FULL);
        var zero = assertThrows(BootConfigException.class, () -> c.withOverrides(0, null, null));
        assertEquals("command line: cpus=0 is out of range (expected 1..64)", zero.getMessage());
        assertEquals(0, zero.line());
        var many = assertThrows(BootConfigException.class, () -> c.withOverrides(65, null, null));
        assertEquals("command line: cpus=65 is out of range (expected 1..64)", many.getMessage());
        assertEquals(64, c.withOverrides(64, null, null).machine().cpus());
    }

    @Test
    void recordsCopyTheirLists() {
        var args = new java.util.ArrayList<>(List.of("a"));
        var spec = new ProgramSpec("p.A", args);
        args.add("b");
        assertEquals(List.of("a"), spec.args());
        assertThrows(UnsupportedOperationException.class, () -> spec.args().add("c"));
    }
}
