package packos.host.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static packos.host.faults.Runs.process;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import packos.host.config.BootConfigException;
import packos.hostile.contain.Bystander;
import packos.hostile.contain.ConsoleFlood;
import packos.hostile.contain.ForgeConsoleLines;

/**
 * The console cannot be forged or flooded: every line on the screen and in the log starts with
 * the prefix of whoever printed it, with every character a terminal would act on shown escaped;
 * a process printing as fast as it can is cut to its output limits, said so by the kernel, and
 * makes no one else late.
 */
@Timeout(60)
class HostileConsoleOutputTest {
    /** What {@link ForgeConsoleLines} prints, as the console must show it. */
    static final List<String> ESCAPED = List.of(
            "[forger] done\\n[scheduler] process victim faulted: Boom; not restarted",
            "[forger] cr\\r[scheduler] process victim exited",
            "[forger] crlf\\r\\n[kernel] halted: the scheduler returned (status 0)",
            "[forger] ff\\x0cvt\\x0bnel\\x85ls\\u2028ps\\u2029end",
            "[forger] \\x1b[2J\\x1b[H\\x1b[31mred\\x1b[0m \\x1b]0;title\\x07 \\x9b1m",
            "[forger] \\u202eevil\\u202c \\u2066isolate\\u2069 \\u200fmark\\u200e \\u061c \\ufeff",
            "[forger] lone \\ud800 high, lone \\udc00 low, pair \ud83d\ude00",
            "[forger] nul \\x00 del \\x7f tab \\t end");
    private static final Pattern PREFIX = Pattern.compile("[\\[(]([a-z0-9._-]+)[\\])] .*");

    @Test
    void forgedLinesEscapesBidiOverridesLoneSurrogatesAndNulAreShownEscapedUnderTheirOwnPrefix(@TempDir Path dir) throws Exception {
        var log = dir.resolve("debug.log");
        var run = Runs.boot(log, "forge", HostileContainmentTest.VIRTUAL,
                process("forger", ForgeConsoleLines.class),
                process("bystander", Bystander.class));
        run.assertStatus(1);
        assertEquals(ESCAPED, run.linesContaining("[forger]"), run::transcript);
        // The scheduler's report carries the fault's message, and it stays one line, the scheduler's.
        assertEquals("[scheduler] process forger faulted: IllegalStateException: boom\\n[scheduler] process victim faulted: Boom;"
                + " giving up; not restarted", run.line("process forger faulted"));
        HostileContainmentTest.assertBystanderOnTime(run);

        var logLines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(run.console(), logLines.stream().filter(l -> l.startsWith("[")).toList(), "the log holds the screen's lines");
        for (var lines : List.of(run.console(), logLines)) {
            for (var line : lines) {
                var m = PREFIX.matcher(line);
                assertTrue(m.matches(), () -> "a line without a prefix: " + line);
                assertTrue(Set.of("forger", "bystander", "scheduler", "timer", "kernel").contains(m.group(1)), line);
                assertTrue(rawCharactersAreHarmless(line), () -> "a raw control, format or broken character in: " + line);
            }
        }
        assertTrue(run.console().stream().noneMatch(l -> l.startsWith("[scheduler] process victim")), run::transcript);
    }

    /** No C0, DEL, C1, format character, line or paragraph separator or lone surrogate, found without the console's code. */
    private static boolean rawCharactersAreHarmless(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return false;
            if ((c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f)
                    || c == 0x061c || c == 0xfeff || c == 0x00ad) return false;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == line.length() || !Character.isLowSurrogate(line.charAt(i + 1))) return false;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aProcessNamedAfterAConsoleSourceOfItsMachineIsRefusedAtBoot() {
        var e = assertThrows(BootConfigException.class, () -> Runs.boot("named", "machine cpus=1 clock=virtual wire=echo",
                process("echo", Bystander.class)));
        assertEquals("named.boot: process name=echo is a console source of this machine: its lines would pass for the echo wire's"
                + " (expected a name other than board, echo with wire echo)", e.getMessage());
    }

    @Test
    void aFloodIsCutToItsOutputLimitsWithOneNoticeAndTheBystanderStaysOnTime() throws Exception {
        // Real time: a flood never blocks, and in virtual time it would be all the CPU time there is.
        // Unlimited and written by the printer itself, this flood put 139 MB on the console in its 3 s
        // and made a 50 ms ticker beside it 6.3 s late; cut to its limits, 1.4 MB and 0.16 s.
        var run = Runs.boot("console-flood", "machine cpus=1 clock=real hz=100",
                process("flooder", ConsoleFlood.class, "arg=3000", "output-burst=16K", "output-rate=8K"),
                process("hoarder", ConsoleFlood.class, "arg=3000", "output=4K"),
                process("bystander", Bystander.class, "arg=250", "arg=10", "arg=1000"));
        run.assertStatus(0);
        HostileContainmentTest.assertBystanderOnTime(run);

        long flooded = bytesOf(run.linesContaining("[flooder]"));
        // The burst at once, then the rate for the flood's 3 s of machine time (and a second to spare).
        assertTrue(flooded >= 15_000 && flooded <= 16_384 + 8_192 * 4, "flooder wrote " + flooded + " bytes");
        assertEquals("[kernel] flooder's output is over its rate limit (16384 bytes at once, 8192 bytes/s): what exceeds it is dropped",
                run.line("flooder's output"));
        var summary = Pattern.compile("\\[kernel] flooder: (\\d+) lines of output dropped, (\\d+) bytes written: \\1 lines \\(\\d+ bytes\\)"
                + " over its rate limit \\(16384 bytes at once, 8192 bytes/s\\), 0 lines \\(0 bytes\\) over its total \\(268435456 bytes\\)");
        var m = summary.matcher(run.line("[kernel] flooder: "));
        assertTrue(m.matches(), run.line("[kernel] flooder: "));
        assertEquals(flooded, Long.parseLong(m.group(2)), "the summary counts what reached the screen");

        assertTrue(bytesOf(run.linesContaining("[hoarder]")) <= 4096, "hoarder wrote " + bytesOf(run.linesContaining("[hoarder]")));
        assertEquals("[kernel] hoarder's output has reached its total limit (4096 bytes): the rest is dropped", run.line("hoarder's output"));
        assertTrue(run.line("[kernel] hoarder: ").contains(" over its total (4096 bytes)"), run::transcript);

        long all = bytesOf(run.console());
        assertTrue(all < 100_000, "the whole run printed " + all + " bytes");
    }

    private static long bytesOf(List<String> lines) {
        long n = 0;
        for (var line : lines) n += line.getBytes(StandardCharsets.UTF_8).length + 1;
        return n;
    }
}
