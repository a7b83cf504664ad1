package packos.host.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import packos.host.instrument.fixtures.Allocations;
import packos.host.instrument.fixtures.OldStyle;
import packos.host.protect.instrument.Instrumenter;
import packos.kernel.Signals;

/** Each allocation site charges about what it allocates: 16 bytes a header, the elements at their size. */
class HeapChargesTest {
    private final InstrumentingLoader loader = new InstrumentingLoader(Allocations.class.getPackageName(), Instrumenter.standard());
    private final IntFunction<Object> allocations;
    private final Signals signals = loader.signals();

    @SuppressWarnings("unchecked")
    HeapChargesTest() throws ReflectiveOperationException {
        allocations = (IntFunction<Object>) Class.forName(Allocations.class.getName(), true, loader).getConstructor().newInstance();
    }

    private long charged(int which) {
        long before = signals.allocatedBytes();
        allocations.apply(which);
        return signals.allocatedBytes() - before;
    }

    @Test
    void objectOfAnotherClassIsChargedAFixedEstimate() { assertEquals(32, charged(Allocations.OBJECT)); }

    @Test
    void objectOfTheClassItselfIsChargedByItsFieldCount() {
        // Allocations has one instance field: 16 + 8.
        assertEquals(24, charged(Allocations.OWN_CLASS));
    }

    @Test
    void primitiveArraysAreChargedAtTheirElementSize() {
        assertEquals(16 + 1000, charged(Allocations.BYTES));
        assertEquals(16 + 1000, charged(Allocations.BOOLEANS));
        assertEquals(16 + 2000, charged(Allocations.CHARS));
        assertEquals(16 + 4000, charged(Allocations.INTS));
        assertEquals(16 + 8000, charged(Allocations.LONGS));
        assertEquals(16 + 8000, charged(Allocations.DOUBLES));
    }

    @Test
    void referenceArraysAreChargedFourBytesAnElement() { assertEquals(16 + 4000, charged(Allocations.REFERENCES)); }

    @Test
    void multiDimensionalArraysAreChargedForEveryArrayTheyCreate() {
        // int[3][4]: one outer array and three rows of four ints.
        assertEquals(16 * 4 + 3 * 4 * 4, charged(Allocations.GRID));
        // long[2][3][5]: 1 + 2 + 6 arrays, 30 longs.
        assertEquals(16 * 9 + 30 * 8, charged(Allocations.CUBE));
        // byte[6][][]: one array of six null references.
        assertEquals(16 + 6 * 4, charged(Allocations.PARTIAL_GRID));
    }

    @Test
    void negativeSizeEarnsNoHeapBack() {
        long before = signals.allocatedBytes();
        assertThrows(NegativeArraySizeException.class, () -> allocations.apply(Allocations.NEGATIVE_ARRAY));
        assertThrows(NegativeArraySizeException.class, () -> allocations.apply(Allocations.NEGATIVE_GRID));
        long charged = signals.allocatedBytes() - before;
        assertEquals(16 + 16 * 3, charged, "a negative count is charged as zero elements");
    }

    @Test
    void classFromBeforeStackMapsIsRaisedToAVersionWithDynamicConstantsAndStillRuns() throws Exception {
        var cf = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS);
        byte[] old = cf.transformClass(cf.parse(InstrumentingLoader.original(OldStyle.class.getName())),
                (clb, ce) -> {
                    if (ce instanceof ClassFileVersion) clb.withVersion(ClassFile.JAVA_5_VERSION, 0);
                    else clb.with(ce);
                });
        assertEquals(ClassFile.JAVA_5_VERSION, ClassFile.of().parse(old).majorVersion());
        byte[] raised = Instrumenter.standard().transform(OldStyle.class.getName(), old);
        assertEquals(ClassFile.JAVA_11_VERSION, ClassFile.of().parse(raised).majorVersion());
        var oldLoader = new InstrumentingLoader(OldStyle.class.getPackageName(), (name, bytes) -> Instrumenter.standard().transform(name, old));
        @SuppressWarnings("unchecked")
        var f = (Function<String, String>) Class.forName(OldStyle.class.getName(), true, oldLoader).getConstructor().newInstance();
        assertEquals(new OldStyle().apply("abxc"), f.apply("abxc"));
        long charged = oldLoader.signals().allocatedBytes();
        assertEquals(true, charged > 0, "the old class's allocations are charged too");
    }
}
