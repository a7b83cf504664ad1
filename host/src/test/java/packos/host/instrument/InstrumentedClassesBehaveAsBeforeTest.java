package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import packos.host.instrument.fixtures.Workloads;
import packos.host.protect.ClassTransformer;
import packos.host.protect.instrument.Instrumenter;

/** The instrumenter changes when a program may be interrupted, never what it computes. */
class InstrumentedClassesBehaveAsBeforeTest {
    private static final String FIXTURES = Workloads.class.getPackageName();

    static Stream<String> workloads() { return Workloads.NAMES.stream(); }

    @SuppressWarnings("unchecked")
    static Function<String, String> load(ClassTransformer transformer) throws ReflectiveOperationException {
        var loader = new InstrumentingLoader(FIXTURES, transformer);
        var type = Class.forName(Workloads.class.getName(), true, loader);
        assertNotSame(Workloads.class, type, "the workloads must come from the instrumenting loader");
        return (Function<String, String>) type.getConstructor().newInstance();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void instrumentedWorkloadComputesWhatThePlainOneComputes(String name) throws Exception {
        String plain = new Workloads().apply(name);
        assertEquals(plain, load(Instrumenter.standard()).apply(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void workloadWithOnlyPreemptionPointsOrOnlyHeapChargesComputesTheSame(String name) throws Exception {
        String plain = new Workloads().apply(name);
        assertEquals(plain, load(new Instrumenter(new Instrumenter.Points(true, false))).apply(name));
        assertEquals(plain, load(new Instrumenter(new Instrumenter.Points(false, true))).apply(name));
    }

    @Test
    void everyWorkloadRunsUnderTheJvmsFullVerifier() throws Exception {
        // Classes of a non-boot loader are verified by default; running them all proves the frames.
        var instrumented = load(Instrumenter.standard());
        for (String name : Workloads.NAMES) assertTrue(instrumented.apply(name).length() > 0, name);
    }
}
