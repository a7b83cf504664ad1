package packos.host.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import packos.host.Boot;
import packos.host.config.BootConfigParser;
import packos.host.protect.verify.Why;
import packos.hostile.load.Victim;

/**
 * A class file no compiler writes, booted as a program beside a victim: the loader's verifier
 * refuses it in one line, in the scheduler's context, which goes on scheduling; the victim
 * finishes its work. Before, a dynamic constant that was its own bootstrap argument overflowed the
 * verifier's stack in the scheduler, which faulted, and the machine halted.
 */
@Timeout(60)
class CraftedClassesAreRefusedAtBootTest {
    private static final String VICTIM_RESULT = "[victim] victim: 2262 primes below 20000";

    record Crafted(String name, Function<String, byte[]> bytes, Why why) {
        @Override
        public String toString() { return name; }
    }

    static Stream<Arguments> crafted() {
        return Stream.of(
                new Crafted("crafted.SelfCondy", CraftedClasses::selfReferentialCondy, Why.BOOTSTRAP_CYCLE),
                new Crafted("crafted.IndyOverCycle", CraftedClasses::indyOverACondyCycle, Why.BOOTSTRAP_CYCLE),
                new Crafted("crafted.DeepChain", name -> CraftedClasses.deepCondyChain(name, 20_000), Why.BOOTSTRAP_DEPTH))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crafted")
    void refusedInOneLineWhileTheMachineGoesOnAndTheVictimFinishes(Crafted c, @TempDir Path dir) throws Exception {
        var classes = Files.createDirectories(dir.resolve("classes/crafted"));
        Files.write(classes.resolve(c.name().substring("crafted.".length()) + ".class"), c.bytes().apply(c.name()));
        var config = BootConfigParser.parse("crafted.boot", String.join("\n",
                "machine cpus=1 clock=virtual hz=100 seed=1",
                "process name=victim program=" + Victim.class.getName(),
                "process name=hostile program=" + c.name()) + "\n");
        var screen = new ByteArrayOutputStream();
        Boot.Outcome outcome;
        try (var programs = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, getClass().getClassLoader());
             var out = new PrintStream(screen, true, StandardCharsets.UTF_8)) {
            outcome = Boot.run(config, new Boot.Options(null, null, 30_000), out, programs);
        }
        var lines = screen.toString(StandardCharsets.UTF_8).lines().toList();
        String transcript = "status " + outcome.status() + " (" + outcome.reason() + ")\n" + String.join("\n", lines);
        var refusals = lines.stream().filter(l -> l.contains("refused " + c.name())).toList();
        assertEquals(1, refusals.size(), transcript);
        String line = refusals.getFirst();
        assertTrue(line.startsWith("[scheduler] cannot start hostile: "), transcript);
        assertTrue(line.contains("refused " + c.name() + ": " + c.name() + ".main(Process) @0: "), transcript);
        assertTrue(line.endsWith(": " + c.why().text()), transcript);
        int at = lines.indexOf(line);
        assertTrue(at + 1 >= lines.size() || lines.get(at + 1).startsWith("["), () -> "one line:\n" + transcript);
        assertTrue(lines.contains(VICTIM_RESULT), transcript);
        assertTrue(lines.stream().noneMatch(l -> l.contains("fault") && l.startsWith("[scheduler]")), transcript);
        // Non-zero because a process could not start, and not by the time limit: the machine ran on.
        assertNotEquals(0, outcome.status(), transcript);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[kernel] halted: ") && !l.contains("timed out")), transcript);
    }
}
