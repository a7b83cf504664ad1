package packos.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import packos.host.Boot;
import packos.host.config.BootConfig;
import packos.host.config.BootConfigException;
import packos.host.config.ClockMode;
import packos.host.config.KanSettings;
import packos.host.config.MachineSettings;
import packos.host.config.ProcessSpec;
import packos.host.config.ProgramSpec;
import packos.kernel.Address;
import packos.kernel.ProgramLoader;

/**
 * Boots one PackOS machine for a benchmark the way {@code packos run} would: one CPU, the real
 * clock at 100 Hz, the default KAN and the standard scheduler. The programs report by printing
 * lines on the console, which is captured here and searched.
 */
final class KanMachine {

    static final KanSettings KAN = KanSettings.DEFAULT;
    private static final MachineSettings MACHINE = new MachineSettings(1, ClockMode.REAL, 100, 0);
    /** The kernel gives prefix::1 to itself and prefix::2 to the scheduler. */
    private static final long FIRST_PROCESS_INTERFACE_ID = 3;

    private KanMachine() {
    }

    /** The console and outcome of one boot. */
    record Run(String image, Boot.Outcome outcome, String console, double seconds) {

        /** The first console line from {@code process} that matches {@code pattern}, after its "[process] ". */
        Matcher find(String process, Pattern pattern) throws IOException {
            String prefix = "[" + process + "] ";
            for (String line : console.split("\n")) {
                if (line.startsWith(prefix)) {
                    var m = pattern.matcher(line.substring(prefix.length()));
                    if (m.matches()) {
                        return m;
                    }
                }
            }
            throw new IOException(image + ": no report from " + process + " (exit status " + outcome.status() + ", "
                    + outcome.reason() + "); console:\n" + tail(console));
        }
    }

    /**
     * The address the scheduler's n-th created process gets (0-based): the kernel numbers them
     * in creation order, and the standard scheduler creates them in boot-config order.
     */
    static Address processAddress(int n) {
        return KAN.prefix().address().withInterfaceId(FIRST_PROCESS_INTERFACE_ID + n);
    }

    static ProcessSpec process(String name, Class<?> program, boolean daemon, String... args) {
        return new ProcessSpec(name, program.getName(), List.of(args), List.of(), daemon, List.of());
    }

    static Run boot(String image, List<ProcessSpec> processes, Duration timeout) throws IOException {
        return boot(image, processes, timeout, true);
    }

    /** {@code instrumented} false boots without preemption points and heap metering, to measure what they cost. */
    static Run boot(String image, List<ProcessSpec> processes, Duration timeout, boolean instrumented) throws IOException {
        var config = new BootConfig("packos bench", image, "benchmark " + image, MACHINE, KAN,
                ProgramSpec.DEFAULT_SCHEDULER, processes);
        var bytes = new ByteArrayOutputStream();
        var screen = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        long started = System.nanoTime();
        Boot.Outcome outcome;
        try {
            outcome = Boot.run(config, new Boot.Options(null, null, timeout.toMillis(), instrumented), screen,
                    KanMachine.class.getClassLoader());
        } catch (ProgramLoader.ProgramLoadException | BootConfigException e) {
            throw new IOException(image + ": " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        screen.flush();
        var console = bytes.toString(StandardCharsets.UTF_8);
        if (outcome.status() != 0) {
            throw new IOException(image + " ended with status " + outcome.status() + ": " + outcome.reason()
                    + "; console:\n" + tail(console));
        }
        return new Run(image, outcome, console, seconds);
    }

    private static String tail(String console) {
        var lines = console.split("\n");
        int from = Math.max(0, lines.length - 20);
        return String.join("\n", List.of(lines).subList(from, lines.length));
    }
}
