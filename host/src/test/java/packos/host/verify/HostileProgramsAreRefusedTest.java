package packos.host.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import packos.host.protect.ProgramRefusedException;
import packos.host.protect.verify.AllowListVerifier;
import packos.hostile.load.HonestProgram;
import packos.hostile.load.ManyWaysOut;
import packos.hostile.load.Victim;

/** Each hostile program is refused, in one line naming class, method, reference and reason. */
class HostileProgramsAreRefusedTest {
    private final AllowListVerifier verifier = new AllowListVerifier();

    static Stream<Hostile> hostile() { return Hostile.ALL.stream(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusedInOneLineNamingClassMethodReferenceAndReason(Hostile h) {
        var e = assertThrows(ProgramRefusedException.class, () -> verifier.verify(h.name(), Programs.classPath()));
        assertEquals(1, e.reasons().size(), () -> "one way out, one refusal line:\n" + String.join("\n", e.reasons()));
        String line = e.reasons().getFirst();
        assertEquals(e.getMessage(), line);
        assertTrue(line.startsWith(h.lineClass() + ".") || line.startsWith(h.lineClass() + ":"), () -> "names the class: " + line);
        assertTrue(line.contains(h.reference()), () -> "names the reference '" + h.reference() + "': " + line);
        assertTrue(line.endsWith(": " + h.why().text()), () -> "says why (" + h.why() + "): " + line);
        assertTrue(!line.contains("\n"), () -> "one line: " + line);
    }

    @Test
    void atLeastThirtyWaysOutAreCovered() {
        assertTrue(Hostile.ALL.size() >= 30, () -> Hostile.ALL.size() + " hostile programs");
        assertEquals(Hostile.ALL.size(), Hostile.ALL.stream().map(Hostile::program).distinct().count());
    }

    @Test
    void methodAndBytecodeOffsetAreNamed() {
        var report = verifier.check(List.of("packos.hostile.load.Sleeper"), Programs.classPath());
        // javap -c: "3: invokestatic #9 // Method java/lang/Thread.sleep:(J)V"
        assertEquals(List.of("packos.hostile.load.Sleeper.main(Process) @3: calls java.lang.Thread.sleep(long): "
                + "host clocks and threads are not for programs (time comes from the timer service)"), report.refusals());
    }

    @Test
    void everyWayOutIsReportedAndUsesOfOneKindShareALine() {
        var report = verifier.check(List.of(ManyWaysOut.class.getName()), Programs.classPath());
        var lines = report.refusals();
        assertEquals(3, lines.size(), () -> String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("packos.hostile.load.ManyWaysOut.main(Process) @0: calls java.lang.System.nanoTime() "
                + "(also calls java.lang.System.nanoTime() in elapsed() @0): host clocks"), lines.get(0));
        assertTrue(lines.get(1).contains("calls java.lang.Thread.sleep(long)"), lines.get(1));
        assertTrue(lines.get(2).contains("reads java.lang.System.out"), lines.get(2));
    }

    @Test
    void aLibraryTheProgramBringsAlongIsVerifiedToo() {
        var report = verifier.check(List.of("packos.hostile.load.UsesLibraryHelper"), Programs.classPath());
        assertEquals(List.of("packos.hostile.load.UsesLibraryHelper", "packos.hostile.load.Helper"), report.classes());
        assertEquals(1, report.refusals().size());
        assertTrue(report.refusals().getFirst().startsWith("packos.hostile.load.Helper.stamp() @0: "), report.refusals().getFirst());
    }

    @Test
    void theControlAndTheVictimPass() throws Exception {
        verifier.verify(HonestProgram.class.getName(), Programs.classPath());
        verifier.verify(Victim.class.getName(), Programs.classPath());
        var report = verifier.check(List.of(HonestProgram.class.getName()), Programs.classPath());
        assertTrue(report.classes().size() >= 6, () -> "records, enum and nested classes are part of the program: " + report.classes());
    }
}
