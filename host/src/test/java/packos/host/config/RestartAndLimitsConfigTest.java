package packos.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import packos.kernel.BootProcess;
import packos.kernel.ContextLimits;

/** The process keys restart, max-restarts, within, queue, quota, heap, heap-rate and cpu-share, and how they reach the kernel. */
class RestartAndLimitsConfigTest {
    static ProcessSpec only(String line) throws BootConfigException {
        var processes = BootConfigParser.parse("x.boot", "process name=a program=p.A " + line + "\n").processes();
        assertEquals(1, processes.size());
        return processes.getFirst();
    }

    @Test
    void processWithoutTheKeysIsNeverRestartedAndHasDefaultLimits() throws Exception {
        var p = only("");
        assertEquals(RestartPolicy.NEVER, p.restart());
        assertEquals(new RestartPolicy(RestartPolicy.When.NEVER, 5, 10), p.restart());
        assertEquals(ProcessLimits.DEFAULT, p.limits());
        assertEquals(1, p.limits().cpuShare());
    }

    @Test
    void everyKeyIsReadIntoTheProcessSpec() throws Exception {
        var p = only("restart=on-failure max-restarts=3 within=60 queue=128 quota=256 heap=64M heap-rate=16M cpu-share=2");
        assertEquals(new RestartPolicy(RestartPolicy.When.ON_FAILURE, 3, 60), p.restart());
        assertEquals(new ProcessLimits(OptionalInt.of(128), OptionalInt.of(256), OptionalLong.of(64L << 20), OptionalLong.of(16L << 20), 2),
                p.limits());
    }

    @Test
    void restartPoliciesAreSpelledNeverOnFailureAndAlwaysWithDefaultBounds() throws Exception {
        assertEquals(new RestartPolicy(RestartPolicy.When.NEVER, 5, 10), only("restart=never").restart());
        assertEquals(new RestartPolicy(RestartPolicy.When.ON_FAILURE, 5, 10), only("restart=on-failure").restart());
        assertEquals(new RestartPolicy(RestartPolicy.When.ALWAYS, 5, 10), only("restart=always").restart());
        assertEquals(new RestartPolicy(RestartPolicy.When.ALWAYS, 0, 1), only("restart=always max-restarts=0 within=1").restart());
        assertEquals(new RestartPolicy(RestartPolicy.When.ALWAYS, 1_000_000, 86_400),
                only("restart=always max-restarts=1000000 within=86400").restart());
    }

    static Stream<Arguments> sizes() {
        return Stream.of(
                Arguments.of("1024", 1024L),
                Arguments.of("1K", 1024L),
                Arguments.of("1k", 1024L),
                Arguments.of("64M", 64L << 20),
                Arguments.of("64m", 64L << 20),
                Arguments.of("3G", 3L << 30),
                Arguments.of("1T", 1L << 40),
                Arguments.of("1099511627776", 1L << 40));
    }

    @ParameterizedTest(name = "heap={0}")
    @MethodSource
    void sizes(String text, long bytes) throws Exception {
        assertEquals(OptionalLong.of(bytes), only("heap=" + text).limits().heap());
        assertEquals(OptionalLong.of(bytes), only("heap-rate=" + text).limits().heapRate());
    }

    @Test
    void heapRateZeroMeansTheBurstIsAllThereIs() throws Exception {
        assertEquals(OptionalLong.of(0), only("heap-rate=0").limits().heapRate());
    }

    static Stream<Arguments> errors() {
        String size = "a size such as 64M: digits with an optional K, M, G or T, in ";
        return Stream.of(
                Arguments.of("restart=sometimes", "restart=sometimes is not a restart policy (expected never, on-failure or always)"),
                Arguments.of("restart=ON-FAILURE", "restart=ON-FAILURE is not a restart policy (expected never, on-failure or always)"),
                Arguments.of("restart=on_failure", "restart=on_failure is not a restart policy (expected never, on-failure or always)"),
                Arguments.of("max-restarts=3", "max-restarts=3 without a restart policy (expected restart=on-failure or restart=always with it)"),
                Arguments.of("restart=never within=5", "within=5 without a restart policy (expected restart=on-failure or restart=always with it)"),
                Arguments.of("restart=always max-restarts=-1", "max-restarts=-1 is out of range (expected 0..1000000)"),
                Arguments.of("restart=always max-restarts=1000001", "max-restarts=1000001 is out of range (expected 0..1000000)"),
                Arguments.of("restart=always max-restarts=many", "max-restarts=many is not a whole number (expected 0..1000000)"),
                Arguments.of("restart=always within=0", "within=0 is out of range (expected 1..86400)"),
                Arguments.of("restart=always within=86401", "within=86401 is out of range (expected 1..86400)"),
                Arguments.of("restart=always within=1.5", "within=1.5 is not a whole number (expected 1..86400)"),
                Arguments.of("restart=always within=10s", "within=10s is not a whole number (expected 1..86400)"),
                Arguments.of("queue=0", "queue=0 is out of range (expected 1..65536)"),
                Arguments.of("queue=65537", "queue=65537 is out of range (expected 1..65536)"),
                Arguments.of("quota=0", "quota=0 is out of range (expected 1..1048576)"),
                Arguments.of("quota=1048577", "quota=1048577 is out of range (expected 1..1048576)"),
                Arguments.of("cpu-share=0", "cpu-share=0 is out of range (expected 1..100)"),
                Arguments.of("cpu-share=101", "cpu-share=101 is out of range (expected 1..100)"),
                Arguments.of("cpu-share=half", "cpu-share=half is not a whole number (expected 1..100)"),
                Arguments.of("heap=64X", "heap=64X is not a size (expected " + size + "1K..1T)"),
                Arguments.of("heap=64MB", "heap=64MB is not a size (expected " + size + "1K..1T)"),
                Arguments.of("heap=-1M", "heap=-1M is not a size (expected " + size + "1K..1T)"),
                Arguments.of("heap=1.5G", "heap=1.5G is not a size (expected " + size + "1K..1T)"),
                Arguments.of("heap=\"\"", "heap=\"\" is not a size (expected " + size + "1K..1T)"),
                Arguments.of("heap=1023", "heap=1023 is out of range (expected 1K..1T)"),
                Arguments.of("heap=0", "heap=0 is out of range (expected 1K..1T)"),
                Arguments.of("heap=2T", "heap=2T is out of range (expected 1K..1T)"),
                Arguments.of("heap=99999999999999999999999T", "heap=99999999999999999999999T is out of range (expected 1K..1T)"),
                Arguments.of("heap-rate=1025G", "heap-rate=1025G is out of range (expected 0..1T)"),
                Arguments.of("heap-rate=-5", "heap-rate=-5 is not a size (expected " + size + "0..1T)"),
                Arguments.of("cpu-share=2 cpu-share=3", "key 'cpu-share' given twice (expected at most one; only arg and mount may repeat)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void errors(String keys, String problem) {
        // On line 3, after a good process line, so the line number is checked too.
        BootConfigErrorTest.assertError("# restart and limits\nprocess name=ok program=p.Ok\nprocess name=a program=p.A " + keys + "\n",
                "x.boot:3: process: " + problem);
    }

    static final KanSettings KAN = new KanSettings(KanSettings.DEFAULT.prefix(), 32, 512, 4096, 4096);

    @Test
    void processWithNoLimitsGetsTheKernelDefaultsAndNoRestart() throws Exception {
        var b = only("caps=irq:3 daemon=yes").bootProcess(KAN);
        assertEquals(new BootProcess("a", "p.A", List.of(), Set.of("irq:3"), true, List.of()), b);
        assertNull(b.limits(), "null: the kernel's defaults");
        assertEquals(BootProcess.Restart.NEVER, b.restart());
        assertEquals(1, b.cpuShare());
    }

    @Test
    void limitsLeftOutFallBackToTheKanLineAndTheKernelsHeapDefaults() throws Exception {
        assertEquals(new ContextLimits(8, 512, ContextLimits.DEFAULT_HEAP_BURST, ContextLimits.DEFAULT_HEAP_PER_SECOND),
                only("queue=8").bootProcess(KAN).limits());
        assertEquals(new ContextLimits(32, 16, ContextLimits.DEFAULT_HEAP_BURST, ContextLimits.DEFAULT_HEAP_PER_SECOND),
                only("quota=16").bootProcess(KAN).limits());
        assertEquals(new ContextLimits(32, 512, 64L << 20, ContextLimits.DEFAULT_HEAP_PER_SECOND),
                only("heap=64M").bootProcess(KAN).limits());
        assertEquals(new ContextLimits(32, 512, ContextLimits.DEFAULT_HEAP_BURST, 0),
                only("heap-rate=0").bootProcess(KAN).limits());
        assertNull(only("cpu-share=7").bootProcess(KAN).limits(), "a CPU share alone leaves the context's limits at the defaults");
    }

    @Test
    void restartPolicyAndCpuShareReachTheBootProcess() throws Exception {
        var b = only("restart=on-failure max-restarts=3 within=60 cpu-share=4").bootProcess(KAN);
        assertEquals(BootProcess.Restart.onFailure(3, 60), b.restart());
        assertEquals(4, b.cpuShare());
        assertEquals(BootProcess.Restart.always(5, 10), only("restart=always").bootProcess(KAN).restart());
        assertEquals(new BootProcess.Restart(BootProcess.RestartWhen.NEVER, 5, 10), only("restart=never").bootProcess(KAN).restart());
    }
}
