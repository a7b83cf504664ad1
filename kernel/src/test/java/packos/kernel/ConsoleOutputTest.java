package packos.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a context may be called, and what it may print: its output limits, and what the kernel says when they cut it. */
class ConsoleOutputTest {
    @Test
    void aNameThatCouldPassForAnotherSourceIsRefused() {
        var codes = Collections.synchronizedList(new ArrayList<ErrorCode>());
        var tm = TestMachine.virtualTime().program("p", (sys, args) -> { });
        tm.run(rr -> {
            for (var name : List.of("Web", "a\nb", "a]", "", "-a", "x".repeat(101), "kernel", "scheduler")) {
                codes.add(assertThrows(KernelException.class, () -> rr.sched.create(name, "p", List.of(), Set.of())).code());
            }
            for (var name : List.of("web", "web.1", "a_b-c", "user", "x".repeat(100))) rr.yieldTo(rr.sched.create(name, "p", List.of(), Set.of()));
        });
        assertEquals(Collections.nCopies(8, ErrorCode.INVALID_ARGUMENT), codes);
    }

    @Test
    void outputPastTheBurstIsDroppedWithOneNoticeAndASummaryWhenTheContextEnds() {
        // Each line is "[talker] line NN" and its line end: 17 bytes; a burst of 1 KiB with no refill holds 60 of them.
        var tm = TestMachine.virtualTime().program("talker", (sys, args) -> {
            for (int i = 10; i < 110; i++) sys.print("line " + i);
        });
        tm.run(rr -> rr.yieldTo(rr.sched.create("talker", "talker", List.of(), Set.of(), null,
                rr.sched.defaultLimits().withOutput(new OutputLimits(1024, 0, 1 << 20)))));
        tm.machine.console().flush();
        var lines = tm.screen.toString(StandardCharsets.UTF_8).lines().toList();
        var talked = lines.stream().filter(l -> l.startsWith("[talker] ")).toList();
        assertEquals(60, talked.size(), String.join("\n", lines));
        assertEquals("[talker] line 69", talked.getLast());
        assertEquals(List.of(
                "[kernel] talker's output is over its rate limit (1024 bytes at once, 0 bytes/s): what exceeds it is dropped",
                "[kernel] talker: 40 lines of output dropped, 1020 bytes written: 40 lines (690 bytes) over its rate limit"
                        + " (1024 bytes at once, 0 bytes/s), 0 lines (0 bytes) over its total (1048576 bytes)"),
                lines.stream().filter(l -> l.startsWith("[kernel] ")).toList());
    }

    @Test
    void outputPastTheTotalIsDroppedForTheRestOfTheContextsLife() {
        var tm = TestMachine.virtualTime().program("talker", (sys, args) -> {
            for (int i = 10; i < 110; i++) sys.print("line " + i);
        });
        tm.run(rr -> rr.yieldTo(rr.sched.create("talker", "talker", List.of(), Set.of(), null,
                rr.sched.defaultLimits().withOutput(new OutputLimits(1 << 20, 1 << 20, 160)))));
        tm.machine.console().flush();
        var lines = tm.screen.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(9, lines.stream().filter(l -> l.startsWith("[talker] ")).count(), String.join("\n", lines));
        assertEquals("[kernel] talker's output has reached its total limit (160 bytes): the rest is dropped",
                lines.stream().filter(l -> l.startsWith("[kernel] talker's")).findFirst().orElseThrow());
    }
}
