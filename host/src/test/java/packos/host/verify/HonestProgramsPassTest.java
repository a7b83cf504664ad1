package packos.host.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packos.host.protect.verify.AllowListVerifier;

/** The verifier must not get in the way of honest programs: the system's, the samples and the test programs. */
class HonestProgramsPassTest {
    private final AllowListVerifier verifier = new AllowListVerifier();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "packos.system.BasicScheduler",
            "packos.system.router.Router",
            "packos.samples.simple.SimpleScheduler",
            "packos.samples.simple.Worker",
            "packos.samples.timer.TimerDemo",
            "packos.samples.tcp.GreetingServer",
            "packos.samples.tcp.GreetingClient",
            "packos.samples.httpd.Httpd",
            "packos.samples.httpd.HttpCheck",
            "packos.testprograms.CountingProgram",
            "packos.testprograms.FaultingProgram",
            "packos.testprograms.SteadyWorker",
            "packos.testprograms.TcpEchoServer",
            "packos.testprograms.TcpEchoClient",
            "packos.hostile.load.HonestProgram",
            "packos.hostile.load.Victim"})
    void passes(String program) {
        var report = verifier.check(List.of(program), Programs.classPath());
        assertEquals(List.of(), report.refusals(), () -> program + " refused:\n" + String.join("\n", report.refusals()));
        assertTrue(report.classes().contains(program), () -> "checked " + report.classes());
    }
}
