package packos.host.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static packos.host.config.RestartAndLimitsConfigTest.KAN;
import static packos.host.config.RestartAndLimitsConfigTest.only;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import packos.kernel.ContextLimits;

/** The process key inject-faults: a rate written as a percentage or a fraction, and how it reaches the kernel. */
class FaultInjectionConfigTest {
    static Stream<Arguments> rates() {
        return Stream.of(
                Arguments.of("0.5%", 0.005),
                Arguments.of("1%", 0.01),
                Arguments.of("100%", 1.0),
                Arguments.of("100.0%", 1.0),
                Arguments.of("0%", 0.0),
                Arguments.of("0.005", 0.005),
                Arguments.of("1.0", 1.0),
                Arguments.of("0.25", 0.25),
                Arguments.of("0", 0.0));
    }

    @ParameterizedTest(name = "inject-faults={0}")
    @MethodSource
    void rates(String text, double rate) throws Exception {
        assertEquals(rate, only("inject-faults=" + text).limits().faultRate());
    }

    @Test
    void withoutTheKeyNothingIsInjected() throws Exception {
        assertEquals(0.0, only("").limits().faultRate());
    }

    @Test
    void theRateReachesTheContextsLimitsBesideTheOthers() throws Exception {
        assertEquals(new ContextLimits(32, 512, ContextLimits.DEFAULT_HEAP_BURST, ContextLimits.DEFAULT_HEAP_PER_SECOND, 0.02),
                only("inject-faults=2% restart=on-failure").bootProcess(KAN).limits());
        assertEquals(new ContextLimits(8, 512, 1L << 20, ContextLimits.DEFAULT_HEAP_PER_SECOND, 0.001),
                only("inject-faults=0.001 queue=8 heap=1M").bootProcess(KAN).limits());
        assertNull(only("inject-faults=0%").bootProcess(KAN).limits(), "a rate of 0 leaves the kernel's defaults");
    }

    static Stream<Arguments> errors() {
        String expected = " is not a rate in 0%..100% (expected a percentage such as 0.5% or a fraction such as 0.005)";
        return Stream.of(
                Arguments.of("inject-faults=110%", "inject-faults=110%" + expected),
                Arguments.of("inject-faults=100.01%", "inject-faults=100.01%" + expected),
                Arguments.of("inject-faults=1", "inject-faults=1" + expected),
                Arguments.of("inject-faults=5", "inject-faults=5" + expected),
                Arguments.of("inject-faults=1.5", "inject-faults=1.5" + expected),
                Arguments.of("inject-faults=-1%", "inject-faults=-1%" + expected),
                Arguments.of("inject-faults=.5", "inject-faults=.5" + expected),
                Arguments.of("inject-faults=0.5%%", "inject-faults=0.5%%" + expected),
                Arguments.of("inject-faults=often", "inject-faults=often" + expected),
                Arguments.of("inject-faults=\"\"", "inject-faults=\"\"" + expected),
                Arguments.of("inject-faults=1% inject-faults=2%", "key 'inject-faults' given twice (expected at most one; only arg and mount may repeat)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void errors(String keys, String problem) {
        BootConfigErrorTest.assertError("# fault injection\nprocess name=ok program=p.Ok\nprocess name=a program=p.A " + keys + "\n",
                "x.boot:3: process: " + problem);
    }
}
