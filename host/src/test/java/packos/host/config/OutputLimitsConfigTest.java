package packos.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import packos.kernel.ContextLimits;
import packos.kernel.OutputLimits;

/** The process keys output, output-burst and output-rate, how they reach the kernel, and the names no process may take. */
class OutputLimitsConfigTest {
    static final KanSettings KAN = new KanSettings(KanSettings.DEFAULT.prefix(), 32, 512, 4096, 4096);

    @Test
    void outputLimitsAreReadAsSizesAndReachTheContextLimits() throws Exception {
        var p = RestartAndLimitsConfigTest.only("output=16M output-burst=64K output-rate=8K");
        assertEquals(OptionalLong.of(16L << 20), p.limits().output());
        assertEquals(OptionalLong.of(64L << 10), p.limits().outputBurst());
        assertEquals(OptionalLong.of(8L << 10), p.limits().outputRate());
        assertEquals(new OutputLimits(64L << 10, 8L << 10, 16L << 20), p.bootProcess(KAN).limits().output());
    }

    @Test
    void outputLimitsLeftOutAreTheKernelDefaults() throws Exception {
        assertEquals(new OutputLimits(OutputLimits.DEFAULT.burst(), 0, OutputLimits.DEFAULT.total()),
                RestartAndLimitsConfigTest.only("output-rate=0").bootProcess(KAN).limits().output());
        assertEquals(OutputLimits.DEFAULT, RestartAndLimitsConfigTest.only("queue=8").bootProcess(KAN).limits().output());
        assertEquals(OutputLimits.DEFAULT, ContextLimits.of(packos.kernel.KernelConfig.defaults()).output());
    }

    @Test
    void outputLimitsOutOfRangeAreRefusedWithTheirRange() {
        var e = assertThrows(BootConfigException.class, () -> RestartAndLimitsConfigTest.only("output=512"));
        assertEquals("x.boot:1: process: output=512 is out of range (expected 1K..1T)", e.getMessage());
        e = assertThrows(BootConfigException.class, () -> RestartAndLimitsConfigTest.only("output-burst=1x"));
        assertEquals("x.boot:1: process: output-burst=1x is not a size (expected a size such as 64M: digits with an optional K, M, G or T,"
                + " in 1K..1T)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kernel", "scheduler"})
    void theNamesOfTheKernelAndTheSchedulerAreRefused(String name) {
        var e = assertThrows(BootConfigException.class,
                () -> BootConfigParser.parse("x.boot", "process name=" + name + " program=p.A\n"));
        assertEquals("x.boot:1: process: name=" + name + " is reserved: the console's lines from " + name
                + " are not a process's (expected a name other than kernel, scheduler)", e.getMessage());
    }
}
