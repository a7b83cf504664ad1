package packos.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import packos.host.Boot;
import packos.host.config.BootConfigParser;
import packos.kernel.KernelStats;

/**
 * Boots a config given as lines, the way {@code packos run} does (verifier, instrumenter, the
 * standard scheduler), with programs from the test class path, and keeps the console.
 */
final class Runs {
    /** Host time a run may take before the kernel's watchdog stops it (status 124). */
    static final long TIMEOUT_MILLIS = 30_000;

    record Run(int status, String reason, List<String> console, KernelStats stats) {
        String transcript() { return "status " + status + " (" + reason + ")\n" + String.join("\n", console); }

        List<String> linesContaining(String text) { return console.stream().filter(l -> l.contains(text)).toList(); }

        /** The one line containing {@code text}. */
        String line(String text) {
            var lines = linesContaining(text);
            assertEquals(1, lines.size(), () -> "lines containing '" + text + "'\n" + transcript());
            return lines.getFirst();
        }

        /**
         * Where the kernel's injected faults landed in {@code process}, by place ("in kernel call
         * send", "at a preemption point"), counted from the scheduler's lines; every fault of that
         * process must be an injected one, and each must have been followed by a restart.
         */
        java.util.TreeMap<String, Integer> injectedFaults(String process) {
            var where = new java.util.TreeMap<String, Integer>();
            String prefix = "[scheduler] process " + process + " faulted: ";
            for (var line : console) {
                if (!line.startsWith(prefix)) continue;
                var m = INJECTED.matcher(line.substring(prefix.length()));
                assertTrue(m.matches(), () -> "not an injected fault that was restarted: " + line);
                where.merge(m.group(1), 1, Integer::sum);
            }
            return where;
        }

        Run assertStatus(int expected) {
            assertEquals(expected, status, this::transcript);
            return this;
        }

        /** The kernel survived: the run ended by the scheduler's decision, not a timeout, a stall or a scheduler fault. */
        Run assertKernelSurvived() {
            assertTrue(status == 0 || status == 1, this::transcript);
            assertTrue(linesContaining("the scheduler faulted").isEmpty(), this::transcript);
            assertTrue(console.stream().noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Exception in")), this::transcript);
            return this;
        }
    }

    private static final java.util.regex.Pattern INJECTED = java.util.regex.Pattern.compile("InjectedFault: injected fault (.*); restarting \\(.*");

    private Runs() {}

    static Run boot(String name, String... lines) throws Exception {
        return boot(null, name, lines);
    }

    /** As {@link #boot(String, String...)}, writing the debug log to {@code log} (null: none). */
    static Run boot(java.nio.file.Path log, String name, String... lines) throws Exception {
        var config = BootConfigParser.parse(name + ".boot", String.join("\n", lines) + "\n");
        var screen = new ByteArrayOutputStream();
        Boot.Outcome outcome;
        try (var out = new PrintStream(screen, true, StandardCharsets.UTF_8)) {
            outcome = Boot.run(config, new Boot.Options(null, log, TIMEOUT_MILLIS), out, Runs.class.getClassLoader());
        }
        return new Run(outcome.status(), outcome.reason(), screen.toString(StandardCharsets.UTF_8).lines().toList(), outcome.stats());
    }

    /** A process line for a program class, with extra KEY=VALUE fields. */
    static String process(String name, Class<?> program, String... fields) {
        return "process name=" + name + " program=" + program.getName() + (fields.length == 0 ? "" : " " + String.join(" ", fields));
    }
}
