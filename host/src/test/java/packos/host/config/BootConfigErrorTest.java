package packos.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad config is reported with its file, its line and what was expected, word for word. */
class BootConfigErrorTest {
    private static final String OK = "process name=ok program=p.Ok\n";

    static void assertError(String text, String message) {
        var e = assertThrows(BootConfigException.class, () -> BootConfigParser.parse("x.boot", text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void misspelledKeyIsNamedWithTheKeysThatExist() {
        var e = assertThrows(BootConfigException.class, () -> BootConfigParser.parse("simple.boot", """
                # the simple image
                image name=simple

                machine cpus=1
                process name=a program=p.A
                process name=b program=p.B
                process name=foo program=p.Foo dameon=yes
                """));
        assertEquals("simple.boot:7: process: unknown key 'dameon' (expected one of: name, program, arg, mount, caps, daemon, after, reports-init, restart, max-restarts, within, queue, quota, heap, heap-rate, output, output-burst, output-rate, cpu-share, inject-faults)", e.getMessage());
        assertEquals(7, e.line());
        assertEquals("process: unknown key 'dameon' (expected one of: name, program, arg, mount, caps, daemon, after, reports-init, restart, max-restarts, within, queue, quota, heap, heap-rate, output, output-burst, output-rate, cpu-share, inject-faults)", e.problem());
    }

    static Stream<Arguments> lexing() {
        return Stream.of(
                Arguments.of("\n\n\nprocess name=a program=p.A arg=\"open\n", "x.boot:4: unterminated quoted string"),
                Arguments.of("process name=a program=p.A arg=\"ends in escape\\", "x.boot:1: unterminated quoted string"),
                Arguments.of("process name=a program=p.A arg=\"\\n\"", "x.boot:1: unknown escape '\\n' in quoted string (expected \\\" or \\\\)"),
                Arguments.of("process name=a program=p.A arg=\"x\"y", "x.boot:1: process: 'arg': expected a space after the closing quote, found 'y'"),
                Arguments.of("process name=a program=p.A arg=x\"y\"", "x.boot:1: process: quote inside the bare value 'arg=x\"y\"' (expected the whole value in quotes: arg=\"...\")"),
                Arguments.of("process name=a program=p.A daemon", "x.boot:1: process: expected KEY=VALUE, found 'daemon'"),
                Arguments.of("process name=a program=p.A =yes", "x.boot:1: process: expected a key before '=yes'"),
                Arguments.of("process name=a program=p.A daemon= # none", "x.boot:1: process: daemon= has no value (expected daemon=VALUE, or daemon=\"\" for an empty string)"),
                Arguments.of("name=a program=p.A", "x.boot:1: expected a directive (one of: image, machine, kan, scheduler, process, link) before 'name=a'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void lexing(String text, String message) { assertError(text, message); }

    static Stream<Arguments> structure() {
        return Stream.of(
                Arguments.of(OK + "proces name=b program=p.B", "x.boot:2: unknown directive 'proces' (expected one of: image, machine, kan, scheduler, process, link)"),
                Arguments.of("machine cpus=1\n" + OK + "machine cpus=2", "x.boot:3: machine: given twice (expected at most one machine line; the first is on line 1)"),
                Arguments.of("image name=a\nimage name=b\n" + OK, "x.boot:2: image: given twice (expected at most one image line; the first is on line 1)"),
                Arguments.of("kan\nkan\n" + OK, "x.boot:2: kan: given twice (expected at most one kan line; the first is on line 1)"),
                Arguments.of("scheduler\n" + OK + "scheduler", "x.boot:3: scheduler: given twice (expected at most one scheduler line; the first is on line 1)"),
                Arguments.of("process name=a name=b program=p.A", "x.boot:1: process: key 'name' given twice (expected at most one; only arg and mount may repeat)"),
                Arguments.of("machine cpus=1 cpus=2\n" + OK, "x.boot:1: machine: key 'cpus' given twice (expected at most one; only arg and mount may repeat)"),
                Arguments.of("image name=a arg=b\n" + OK, "x.boot:1: image: unknown key 'arg' (expected one of: name, description, codefs)"),
                Arguments.of("process program=p.A", "x.boot:1: process: missing name= (expected name=NAME)"),
                Arguments.of("process name=a", "x.boot:1: process: missing program= (expected program=CLASS)"),
                Arguments.of("# nothing\nimage name=empty\n", "x.boot:2: no process lines (expected at least one process line, or a scheduler line for a scheduler that creates its own contexts)"),
                Arguments.of("", "x.boot:1: no process lines (expected at least one process line, or a scheduler line for a scheduler that creates its own contexts)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void structure(String text, String message) { assertError(text, message); }

    static Stream<Arguments> machine() {
        return Stream.of(
                Arguments.of("\n\nmachine cpus=0\n" + OK, "x.boot:3: machine: cpus=0 is out of range (expected 1..64)"),
                Arguments.of("machine cpus=65\n" + OK, "x.boot:1: machine: cpus=65 is out of range (expected 1..64)"),
                Arguments.of("machine cpus=99999999999999999999999\n" + OK, "x.boot:1: machine: cpus=99999999999999999999999 is out of range (expected 1..64)"),
                Arguments.of("machine cpus=four\n" + OK, "x.boot:1: machine: cpus=four is not a whole number (expected 1..64)"),
                Arguments.of("machine cpus=1.5\n" + OK, "x.boot:1: machine: cpus=1.5 is not a whole number (expected 1..64)"),
                Arguments.of("machine clock=fast\n" + OK, "x.boot:1: machine: clock=fast is not a clock mode (expected real or virtual)"),
                Arguments.of("machine clock=VIRTUAL\n" + OK, "x.boot:1: machine: clock=VIRTUAL is not a clock mode (expected real or virtual)"),
                Arguments.of("machine hz=0\n" + OK, "x.boot:1: machine: hz=0 is out of range (expected 1..10000)"),
                Arguments.of("machine hz=10001\n" + OK, "x.boot:1: machine: hz=10001 is out of range (expected 1..10000)"),
                Arguments.of("machine seed=0x10\n" + OK, "x.boot:1: machine: seed=0x10 is not a whole number (expected a whole number in -9223372036854775808..9223372036854775807)"),
                Arguments.of("machine seed=9223372036854775808\n" + OK, "x.boot:1: machine: seed=9223372036854775808 is out of range (expected -9223372036854775808..9223372036854775807)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void machine(String text, String message) { assertError(text, message); }

    static Stream<Arguments> kan() {
        return Stream.of(
                Arguments.of("kan queue=0\n" + OK, "x.boot:1: kan: queue=0 is out of range (expected 1..65536)"),
                Arguments.of("kan queue=65537\n" + OK, "x.boot:1: kan: queue=65537 is out of range (expected 1..65536)"),
                Arguments.of("kan quota=0\n" + OK, "x.boot:1: kan: quota=0 is out of range (expected 1..1048576)"),
                Arguments.of("kan quota=1048577\n" + OK, "x.boot:1: kan: quota=1048577 is out of range (expected 1..1048576)"),
                Arguments.of("kan pages=15\n" + OK, "x.boot:1: kan: pages=15 is out of range (expected 16..16777216)"),
                Arguments.of("kan pages=16777217\n" + OK, "x.boot:1: kan: pages=16777217 is out of range (expected 16..16777216)"),
                Arguments.of("kan page-size=1279\n" + OK, "x.boot:1: kan: page-size=1279 is out of range (expected 1280..65536)"),
                Arguments.of("kan page-size=65537\n" + OK, "x.boot:1: kan: page-size=65537 is out of range (expected 1280..65536)"),
                Arguments.of("kan prefix=fd00::zz/64\n" + OK, "x.boot:1: kan: prefix=fd00::zz/64 does not parse: 'fd00::zz': bad hex digit in 'zz' (expected a /64 ULA such as fd00:7e8e::/64)"),
                Arguments.of("kan prefix=fd00::\n" + OK, "x.boot:1: kan: prefix=fd00:: does not parse: 'fd00::': expected ADDRESS/LENGTH (expected a /64 ULA such as fd00:7e8e::/64)"),
                Arguments.of("kan prefix=fd00:7e8e::/48\n" + OK, "x.boot:1: kan: prefix=fd00:7e8e::/48 has length 48 (expected a /64 ULA such as fd00:7e8e::/64)"),
                Arguments.of("kan prefix=2001:db8::/64\n" + OK, "x.boot:1: kan: prefix=2001:db8::/64 is not a unique local address (expected a /64 inside fc00::/7)"),
                Arguments.of("kan prefix=fe80::/64\n" + OK, "x.boot:1: kan: prefix=fe80::/64 is not a unique local address (expected a /64 inside fc00::/7)"),
                Arguments.of("kan prefix=fd00:7e8e::1/64\n" + OK, "x.boot:1: kan: prefix=fd00:7e8e::1/64 has bits set after /64 (expected fd00:7e8e::/64)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void kan(String text, String message) { assertError(text, message); }

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("image name=Simple\n" + OK, "x.boot:1: image: name=Simple is not a valid image name (expected [a-z0-9][a-z0-9._-]{0,63})"),
                Arguments.of("process name=Web program=p.A", "x.boot:1: process: name=Web is not a valid process name (expected [a-z0-9][a-z0-9._-]{0,63})"),
                Arguments.of("process name=-web program=p.A", "x.boot:1: process: name=-web is not a valid process name (expected [a-z0-9][a-z0-9._-]{0,63})"),
                Arguments.of("process name=" + "a".repeat(65) + " program=p.A",
                        "x.boot:1: process: name=" + "a".repeat(65) + " is not a valid process name (expected [a-z0-9][a-z0-9._-]{0,63})"),
                Arguments.of("process name=\"\" program=p.A", "x.boot:1: process: name= is not a valid process name (expected [a-z0-9][a-z0-9._-]{0,63})"),
                Arguments.of("\nprocess name=db program=p.A\nprocess name=web program=p.B\nprocess name=db program=p.C",
                        "x.boot:4: process: process name 'db' is already used on line 2 (expected unique names)"),
                Arguments.of("process name=a program=packos..Foo", "x.boot:1: process: program=packos..Foo is not a Java binary class name (expected e.g. packos.samples.simple.Worker)"),
                Arguments.of("process name=a program=1packos.Foo", "x.boot:1: process: program=1packos.Foo is not a Java binary class name (expected e.g. packos.samples.simple.Worker)"),
                Arguments.of("process name=a program=packos.class.Foo", "x.boot:1: process: program=packos.class.Foo is not a Java binary class name (expected e.g. packos.samples.simple.Worker)"),
                Arguments.of("process name=a program=packos/Foo", "x.boot:1: process: program=packos/Foo is not a Java binary class name (expected e.g. packos.samples.simple.Worker)"),
                Arguments.of("process name=a program=\"packos.Foo Bar\"", "x.boot:1: process: program=packos.Foo Bar is not a Java binary class name (expected e.g. packos.samples.simple.Worker)"),
                Arguments.of("process name=a program=packos.Foo.", "x.boot:1: process: program=packos.Foo. is not a Java binary class name (expected e.g. packos.samples.simple.Worker)"),
                Arguments.of("scheduler program=my-scheduler", "x.boot:1: scheduler: program=my-scheduler is not a Java binary class name (expected e.g. packos.samples.simple.Worker)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void names(String text, String message) { assertError(text, message); }

    static Stream<Arguments> capabilities() {
        String head = "process name=a program=p.A ";
        String device = "pci or a PCI address BB:DD.F (hex bus 00..ff, device 00..1f, function 0..7)";
        String expected = "(expected one of: scheduler, spawn, forward, irq:N with N in 0..255, device:pci, or device:BB:DD.F)";
        return Stream.of(
                Arguments.of(head + "caps=root", "x.boot:1: process: capability 'root' is not valid: unknown capability 'root' " + expected),
                Arguments.of(head + "caps=forward,Spawn", "x.boot:1: process: capability 'Spawn' is not valid: unknown capability 'Spawn' " + expected),
                Arguments.of(head + "caps=irq:256", "x.boot:1: process: capability 'irq:256' is not valid: irq line 256 is out of range (expected 0..255)"),
                Arguments.of(head + "caps=irq:-1", "x.boot:1: process: capability 'irq:-1' is not valid: 'irq:-1': irq line must be a number in 0..255"),
                Arguments.of(head + "caps=irq:03", "x.boot:1: process: capability 'irq:03' is not valid: 'irq:03': irq line must be a number in 0..255"),
                Arguments.of(head + "caps=irq:", "x.boot:1: process: capability 'irq:' is not valid: 'irq:': irq line must be a number in 0..255"),
                Arguments.of(head + "caps=device:", "x.boot:1: process: capability 'device:' is not valid: device '' is not " + device),
                Arguments.of(head + "caps=device:NIC", "x.boot:1: process: capability 'device:NIC' is not valid: device 'NIC' is not " + device),
                Arguments.of(head + "caps=device:00:3.0", "x.boot:1: process: capability 'device:00:3.0' is not valid: device '00:3.0' is not " + device),
                Arguments.of(head + "caps=device:00:03.8", "x.boot:1: process: capability 'device:00:03.8' is not valid: device '00:03.8' is not " + device),
                Arguments.of(head + "caps=device:00:20.0", "x.boot:1: process: capability 'device:00:20.0' is not valid: device '00:20.0': PCI device number 20 is not in 00..1f"),
                Arguments.of(head + "caps=device:00:03.0,device:00:03.0", "x.boot:1: process: capability 'device:00:03.0' given twice (expected each at most once)"),
                Arguments.of(head + "caps=irq:3,forward,irq:3", "x.boot:1: process: capability 'irq:3' given twice (expected each at most once)"),
                Arguments.of(head + "caps=irq:3,,forward", "x.boot:1: process: caps=irq:3,,forward has an empty item (expected a comma-separated list)"),
                Arguments.of(head + "daemon=maybe", "x.boot:1: process: daemon=maybe is not a yes/no value (expected yes, no, true or false)"),
                Arguments.of(head + "daemon=\"\"", "x.boot:1: process: daemon=\"\" is not a yes/no value (expected yes, no, true or false)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void capabilities(String text, String message) { assertError(text, message); }

    static Stream<Arguments> startOrder() {
        return Stream.of(
                Arguments.of("""
                        process name=db program=p.Db
                        # web needs a database
                        process name=cache program=p.Cache after=db



                        process name=web program=p.Web after=cache,dbase
                        """, "x.boot:7: process 'web' is after 'dbase', which no process line names"),
                Arguments.of("process name=a program=p.A after=a",
                        "x.boot:1: process 'a' is in an 'after' cycle: a after a (expected no cycles)"),
                Arguments.of("""
                        process name=root program=p.R
                        process name=b program=p.B after=root,c
                        process name=a program=p.A after=b
                        process name=c program=p.C after=a
                        """, "x.boot:2: process 'b' is in an 'after' cycle: b after c, c after a, a after b (expected no cycles)"),
                Arguments.of("process name=a program=p.A after=b,b\nprocess name=b program=p.B",
                        "x.boot:1: process: after: 'b' named twice (expected each at most once)"),
                Arguments.of("process name=a program=p.A after=B\nprocess name=b program=p.B",
                        "x.boot:1: process: after: 'B' is not a valid process name (expected [a-z0-9][a-z0-9._-]{0,63})"),
                Arguments.of("process name=a program=p.A after=b,\nprocess name=b program=p.B",
                        "x.boot:1: process: after=b, has an empty item (expected a comma-separated list)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void startOrder(String text, String message) { assertError(text, message); }
}
